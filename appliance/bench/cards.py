"""`ringdesk bench cards`: business cards read right per field over the generated set, and time."""

from __future__ import annotations

import argparse
import os
import time

from appliance.bench.result import BenchResult, Budget

FULL_SET = 60
QUICK_SET = 6
RIGHT_BUDGET = 0.9  # share of cards right for name, company, phones and e-mail
MS_P95_BUDGET = 3000.0


def _cpu_s() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(args: argparse.Namespace) -> BenchResult:
    """Scan every generated card once (timed), then plain Tesseract on the raw image (baseline)."""
    import pytesseract

    from appliance.bizcard.generator import card_set
    from appliance.bizcard.ocr import HORIZONTAL_LANGS
    from appliance.bizcard.scan import scan_image
    from appliance.bizcard.score import FIELDS, found_in_text, judge

    count = QUICK_SET if getattr(args, "quick", False) else FULL_SET
    right = dict.fromkeys(FIELDS, 0)
    base = {"name": 0, "email": 0}
    wall_ms: list[float] = []
    cpu_ms: list[float] = []
    kinds: dict[str, int] = {}
    for card in card_set(count):
        key = (
            f"{card.truth.lang}-{'vertical' if card.design.vertical else 'horizontal'}-{card.style}"
        )
        kinds[key] = kinds.get(key, 0) + 1
        t0, c0 = time.perf_counter(), _cpu_s()
        got = scan_image(card.image)
        wall_ms.append((time.perf_counter() - t0) * 1000)
        cpu_ms.append((_cpu_s() - c0) * 1000)
        for name, ok in judge(card.truth, got.fields).items():
            right[name] += ok
        plain = pytesseract.image_to_string(card.image, lang=HORIZONTAL_LANGS)
        for name, ok in found_in_text(card.truth, plain).items():
            base[name] += ok
    result = BenchResult("cards", context={"cards": kinds})
    fig = result.figures
    fig["cards"] = count
    for name in FIELDS:
        fig[f"{name}_right"] = right[name]
        fig[f"{name}_total"] = count
        fig[f"{name}_share"] = round(right[name] / count, 3)
        if name in ("name", "company", "phones", "email"):
            result.budgets[f"{name}_share"] = Budget(RIGHT_BUDGET, at_least=True)
    fig["ms_per_card_p95"] = round(_p95(wall_ms), 1)
    fig["cpu_ms_per_card_p95"] = round(_p95(cpu_ms), 1)
    fig["baseline_plain_name_found_share"] = round(base["name"] / count, 3)
    fig["baseline_plain_email_found_share"] = round(base["email"] / count, 3)
    result.budgets["ms_per_card_p95"] = Budget(MS_P95_BUDGET)
    return result
