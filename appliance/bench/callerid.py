"""`ringdesk bench callerid --corpus DIR`: decoded-right/total and wrong per standard x SNR,
the tolerance sweep (right/total per impairment, clean and 12 dB) and the CPU of `auto`."""

from __future__ import annotations

import argparse
import csv
import os
import time
from pathlib import Path

from appliance.bench.result import BenchResult, Budget

STANDARDS = ("class", "clip", "aclip", "jclip", "dtmf")
FSK_STANDARDS = ("class", "clip", "aclip", "jclip")
SNRS = ("clean", "30", "20", "15", "10", "6")
# spandsp's receiver on the same files (corpus README): right count per standard and SNR
SPANDSP = {
    "class": {"10": 17, "6": 3},
    "clip": {"10": 12, "6": 0},
    "aclip": {"10": 14, "6": 0},
    "jclip": {"10": 16, "6": 0},
    "dtmf": {"10": 20, "6": 0},
}
SPANDSP_WRONG = {("class", "6"): 1, ("dtmf", "6"): 5}


CORPUS_ENV = "RINGDESK_CORPUS"  # the reference corpus's folder (it holds callerid/, whozz/)


def default_corpus() -> Path:
    """The callerid/ folder of the reference corpus named by $RINGDESK_CORPUS."""
    where = os.environ.get(CORPUS_ENV)
    if not where:
        raise SystemExit(
            f"ringdesk bench callerid: name the caller-ID corpus with --corpus DIR or "
            f"${CORPUS_ENV} (a folder with one subfolder per standard and its manifest.tsv)"
        )
    return Path(where) / "callerid"


def floor(std: str, snr: str) -> int:
    """Budget for decoded-right out of 20: spandsp's count, and 19 / 10 for FSK at 10 / 6 dB."""
    need = SPANDSP[std].get(snr, 20)
    if std in FSK_STANDARDS:
        need = max(need, {"10": 19, "6": 10}.get(snr, 20))
    return need


def table(figures: dict[str, object]) -> str:
    """The corpus README's table layout, ours first and spandsp's in brackets."""
    lines = ["| SNR dB | " + " | ".join(STANDARDS) + " |", "|---" * (len(STANDARDS) + 1) + "|"]
    for snr in SNRS:
        cells = []
        for std in STANDARDS:
            k = f"{std}_{snr}"
            cell = f"{figures[k + '_right']}/{figures[k + '_total']}"
            if figures[k + "_wrong"]:
                cell += f", {figures[k + '_wrong']} wrong"
            theirs = f"{SPANDSP[std].get(snr, 20)}/20"
            if SPANDSP_WRONG.get((std, snr)):
                theirs += f", {SPANDSP_WRONG[(std, snr)]} wrong"
            cells.append(f"{cell} (spandsp {theirs})")
        lines.append(f"| {snr} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> BenchResult:
    """Decode every corpus file once with its standard; count right, wrong and errors; time CPU."""
    from drivers.callerid.decoder import CallerIdDecoder
    from drivers.callerid.wavfile import read_wav

    corpus = Path(getattr(args, "corpus", None) or default_corpus())
    mode = getattr(args, "standard", None) or "own"
    result = BenchResult("callerid", context={"corpus": str(corpus)})
    figures = result.figures
    cpu = 0.0
    audio_s = 0.0
    auto_cpu = 0.0
    for std in STANDARDS:
        with (corpus / std / "manifest.tsv").open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        for row in rows:
            pcm, rate = read_wav(corpus / std / row["file"])
            audio_s += len(pcm) / 2 / rate
            decoder = CallerIdDecoder(std if mode == "own" else "auto")
            start = time.process_time()
            found = decoder.feed_pcm16(pcm) + decoder.flush()
            cpu += time.process_time() - start
            auto = CallerIdDecoder("auto")
            start = time.process_time()
            auto.feed_pcm16(pcm)
            auto.flush()
            auto_cpu += time.process_time() - start
            got = [d.expect() for d in found if not d.errors]
            key = f"{std}_{row['snr_db']}"
            for suffix in ("right", "total", "wrong", "errors"):
                figures.setdefault(f"{key}_{suffix}", 0)
            figures[f"{key}_right"] += row["expect"] in got
            figures[f"{key}_total"] += 1
            figures[f"{key}_wrong"] += sum(g != row["expect"] for g in got)
            figures[f"{key}_errors"] += sum(d.errors for d in found)
            result.budgets[f"{key}_wrong"] = Budget(0)
            result.budgets[f"{key}_right"] = Budget(floor(std, row["snr_db"]), at_least=True)
    figures["cpu_ms_per_audio_s"] = round(cpu * 1000 / max(audio_s, 1e-9), 3)
    result.budgets["cpu_ms_per_audio_s"] = Budget(2.0)
    figures["auto_cpu_ms_per_audio_s"] = round(auto_cpu * 1000 / max(audio_s, 1e-9), 3)
    result.budgets["auto_cpu_ms_per_audio_s"] = Budget(2.0)
    result.context["decoder"] = "each file's own standard" if mode == "own" else "auto"
    result.context["table"] = "\n" + table(figures)
    _sweep(result, cases=5 if getattr(args, "quick", False) else 20)
    return result


def _sweep(result: BenchResult, cases: int) -> None:
    """The tolerance sweep's figures: right/total per standard, impairment and SNR."""
    from appliance.bench._callerid_sweep import sweep

    cells = sweep(cases)
    doc: dict[str, dict[str, dict[str, str]]] = {}
    right = total = wrong = 0
    for std, impairments in cells.items():
        for imp, by_snr in impairments.items():
            for snr, cell in by_snr.items():
                shown = f"{cell.right}/{cell.total}" + (
                    f", {cell.wrong} wrong" if cell.wrong else ""
                )
                doc.setdefault(std, {}).setdefault(imp, {})[snr] = shown
                wrong += cell.wrong
                if snr == "clean":
                    right, total = right + cell.right, total + cell.total
    result.figures["tolerance_sweep"] = doc
    result.figures["tolerance_sweep_clean_right_pct"] = round(100 * right / max(total, 1), 2)
    result.budgets["tolerance_sweep_clean_right_pct"] = Budget(99.0, at_least=True)
    result.figures["tolerance_sweep_wrong"] = wrong
    result.budgets["tolerance_sweep_wrong"] = Budget(0)
    result.context["tolerance_sweep"] = (
        f"{cases} messages per standard x impairment x SNR (clean, 12 dB), numpy channel model"
    )
