"""`ringdesk bench callerid --corpus DIR`: decoded-right/total and wrong per standard x SNR."""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from appliance.bench.result import BenchResult, Budget

FSK_STANDARDS = ("class", "clip", "aclip")
SPANDSP = {
    "class": {"10": 17, "6": 3},
    "clip": {"10": 12, "6": 0},
    "aclip": {"10": 14, "6": 0},
}


def default_corpus() -> Path:
    """../shared/corpus/callerid next to the repository checkout."""
    return Path(__file__).resolve().parents[3] / "shared" / "corpus" / "callerid"


def run(args: argparse.Namespace) -> BenchResult:
    """Decode every FSK corpus file once; count right and wrong messages; time CPU."""
    from drivers.callerid.bellcore import render_expect
    from drivers.callerid.decoder import CallerIdDecoder
    from drivers.callerid.wavfile import read_wav

    corpus = Path(getattr(args, "corpus", None) or default_corpus())
    result = BenchResult("callerid", context={"corpus": str(corpus)})
    cpu = 0.0
    audio_s = 0.0
    for std in FSK_STANDARDS:
        with (corpus / std / "manifest.tsv").open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        for row in rows:
            pcm, rate = read_wav(corpus / std / row["file"])
            audio_s += len(pcm) / 2 / rate
            start = time.process_time()
            found = CallerIdDecoder(std).feed_pcm16(pcm)
            cpu += time.process_time() - start
            got = [render_expect(d.message) for d in found]
            snr = row["snr_db"]
            key = f"{std}_{snr}"
            right = result.figures.setdefault(f"{key}_right", 0)
            result.figures[f"{key}_right"] = right + (row["expect"] in got)
            result.figures[f"{key}_total"] = result.figures.get(f"{key}_total", 0) + 1
            wrong = sum(g != row["expect"] for g in got)
            result.figures[f"{key}_wrong"] = result.figures.get(f"{key}_wrong", 0) + wrong
            result.budgets[f"{key}_wrong"] = Budget(0)
            floor = {"10": 19, "6": 10}.get(snr, 20)
            floor = max(floor, SPANDSP[std].get(snr, 20))
            result.budgets[f"{key}_right"] = Budget(floor, at_least=True)
    result.figures["cpu_ms_per_audio_s"] = round(cpu * 1000 / max(audio_s, 1e-9), 3)
    result.budgets["cpu_ms_per_audio_s"] = Budget(2.0)
    return result
