"""A read sheet (header and numbered rows) and the text encodings a .csv may come in."""

from __future__ import annotations

from dataclasses import dataclass

from appliance.core.errors import InvalidInput


@dataclass(frozen=True)
class Sheet:
    """The header row and the data rows, each with its row number as a spreadsheet shows it."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str | None = None


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with BOM, then strict UTF-8, then CP932 (Shift_JIS)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932"), "cp932"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            f"文字コードを判別できません（{line}行目）/ cannot tell the text encoding "
            f"(line {line}): save the file as UTF-8 or Shift_JIS"
        ) from exc
