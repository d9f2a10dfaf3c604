"""Caller-ID reason codes in words, Japanese and English."""

from __future__ import annotations

from drivers.base import Reason

_WORDS: dict[Reason, dict[str, str]] = {
    Reason.WITHHELD: {"ja": "非通知", "en": "Withheld"},
    Reason.PAYPHONE: {"ja": "公衆電話", "en": "Payphone"},
    Reason.OUT_OF_AREA: {"ja": "表示圏外", "en": "Out of area"},
    Reason.SERVICE: {"ja": "表示圏外", "en": "Unavailable (service conflict)"},
    Reason.ERROR: {"ja": "受信エラー", "en": "Caller ID received with errors"},
}


def reason_words(reason: Reason | str | None, lang: str = "ja") -> str | None:
    """Return the words for a reason code (enum or letter) in `lang`, or None for no reason."""
    if reason is None or reason == "":
        return None
    if isinstance(reason, str):
        try:
            reason = Reason(reason.upper())
        except ValueError:
            return {"ja": f"不明な理由 ({reason})", "en": f"Unknown reason ({reason})"}[
                "ja" if lang == "ja" else "en"
            ]
    return _WORDS[reason]["ja" if lang == "ja" else "en"]
