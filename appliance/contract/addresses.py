"""A postal address as one line, in the order its country writes it."""

from __future__ import annotations

# Countries that put the postal code before the city ("10115 Berlin", "75008 Paris").
_POSTAL_FIRST = frozenset(
    {
        "AT",
        "BE",
        "CH",
        "CZ",
        "DE",
        "DK",
        "ES",
        "FI",
        "FR",
        "GR",
        "IT",
        "LU",
        "NL",
        "NO",
        "PL",
        "PT",
        "SE",
    }
)
_JAPAN = frozenset({"", "JP", "JPN", "JAPAN", "日本"})


def address_text(
    country: str, postal_code: str, prefecture: str, city: str, line1: str, line2: str
) -> str:
    """Japan: 〒postal 都道府県市区町村番地 建物; elsewhere: street, city, region postal (or
    postal city where the country writes it so). Empty parts leave no trace."""
    code = country.strip().upper()
    if code in _JAPAN:
        place = ""
        for part in (prefecture, city, line1):
            part = part.strip()
            if place and part and place[-1].isascii() and part[0].isascii():
                place += " "  # romaji parts ("Tokyo", "Shibuya-ku") keep their spaces
            place += part
        postal = f"〒{postal_code.strip()}" if postal_code.strip() else ""
        return " ".join(x for x in (postal, place, line2.strip()) if x)
    postal, town, region = postal_code.strip(), city.strip(), prefecture.strip()
    if code in _POSTAL_FIRST:
        tail = [f"{postal} {town}".strip(), region]
    else:
        tail = [town, f"{region} {postal}".strip()]
    return ", ".join(x for x in (line1.strip(), line2.strip(), *tail) if x)
