"""Card lines into fields: e-mail, URL, labelled phones, 〒 and address, company, title, name."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from appliance.bizcard.fields import CardFields, CardPhone
from appliance.bizcard.ocr import Line, is_wide

EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
URL = re.compile(r"(?:https?://)?(?:www\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/\S*)?|https?://\S+")
MAIL_LABEL = re.compile(r"^\s*(?:e\s*-?\s*mail|mail)\s*[:：.]?\s*", re.IGNORECASE)
PHONE = re.compile(r"\+?\(?\d[\d\s().\-‐－・·|]{7,}\d")
POSTAL_JA = re.compile(
    r"(?:〒|T|干|王|テ)?\s*(\d{3})\s*[-‐－ー—・·]\s*(\d{4})(?!\s*[-‐－・·|]?\s*\d)"
)
ZIP_EN = re.compile(r"\b([A-Z]{2})\s+(\d{5}(?:-\d{4})?)\b")
PREFECTURE = re.compile(r"(北海道|東京都|京都府|大阪府|.{2,3}県)")
FAX_LABEL = re.compile(r"(fax|ファックス|ファクス|\bf\b\.?)", re.IGNORECASE)
MOBILE_LABEL = re.compile(r"(携帯|mobile|cell|\bm\b\.?)", re.IGNORECASE)
TEL_LABEL = re.compile(r"(tel|電話|phone|office|direct|\bt\b\.?)", re.IGNORECASE)
COMPANY_JA = re.compile(
    r"(株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|㈱|\(有\)|㈲|法人|銀行|協同組合)"
)
COMPANY_EN = re.compile(
    r"\b(Inc|LLC|Ltd|Corp|Corporation|Co|Company|Group|PLC|Partners|Sons|Holdings)\b\.?"
    r"|,| and | & ",
    re.IGNORECASE,
)
TITLE_JA = (
    "代表取締役",
    "取締役",
    "社長",
    "会長",
    "専務",
    "常務",
    "部長",
    "課長",
    "係長",
    "主任",
    "店長",
    "室長",
    "所長",
    "支店長",
    "マネージャー",
    "リーダー",
    "チーフ",
    "ディレクター",
    "担当",
)
TITLE_EN = re.compile(
    r"\b(Manager|Director|Officer|Executive|Engineer|President|CEO|CFO|CTO|Founder|Owner|Partner|Consultant|Specialist|Coordinator|Assistant|Head|Lead|Analyst|Designer|Developer|Representative|Supervisor|VP|Chief)\b",
    re.IGNORECASE,
)
DEPT_JA = re.compile(r"(部|課|室|グループ|チーム|センター|本部)$")
DEPT_EN = re.compile(
    r"\b(Department|Division|Dept|Sales|Marketing|Engineering|Purchasing|Service|Operations"
    r"|Finance|Human Resources)\b",
    re.IGNORECASE,
)
KANA = re.compile(r"^[\u3040-\u30ff\s・ー]+$")


@dataclass
class _Found:
    value: str
    conf: float


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("〒 ", "〒").strip()
    # a 縦書き hyphen comes back as "-_-", "|" or "・" between the digits of a number
    return re.sub(r"(?<=\d)\s*[-_‐－ー・·|]+\s*(?=\d)", "-", text)


def _compact(text: str) -> str:
    """Drop the spaces Tesseract puts inside addresses and URLs."""
    return re.sub(r"\s+", "", text)


def _close_cjk(text: str) -> str:
    out = re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", text)
    return re.sub(r"(?<=[^\x00-\x7f])\s+(?=\d)|(?<=\d)\s+(?=[^\x00-\x7f])", "", out)


def _phones(text: str, *, japanese: bool = False) -> list[CardPhone]:
    found = []
    last = 0
    for m in PHONE.finditer(text):
        number = re.sub(r"\s*[-‐－・·|]\s*", "-", m.group(0).strip())
        digits = re.sub(r"\D", "", number)
        if not 9 <= len(digits) <= 15:
            continue
        if (
            japanese
            and len(digits) in (10, 11)
            and digits[0] in "689"
            and not number.startswith("+")
        ):
            number, digits = "0" + number[1:], "0" + digits[1:]  # a Japanese number starts with 0
        before = text[last : m.start()]
        last = m.end()
        if FAX_LABEL.search(before):
            kind = "fax"
        elif MOBILE_LABEL.search(before):
            kind = "mobile"
        elif TEL_LABEL.search(before):
            kind = "tel"
        else:
            kind = "mobile" if re.match(r"0[789]0", digits) else "tel"
        found.append(CardPhone(kind, number))
    return found


def _split_role_ja(text: str) -> tuple[str, str]:
    """A Japanese role line into (department, title)."""
    dept: list[str] = []
    title: list[str] = []
    for token in text.split():
        if any(token.endswith(t) for t in TITLE_JA):
            m = re.match(
                r"^(.+?(?:部|課|室|グループ|チーム|センター))(.{0,4}?(?:"
                + "|".join(TITLE_JA)
                + r"))$",
                token,
            )
            if m:
                dept.append(m.group(1))
                title.append(m.group(2))
            else:
                title.append(token)
        elif not title:
            dept.append(token)
        else:
            title.append(token)
    return " ".join(dept), " ".join(title)


def parse(lines: list[Line]) -> tuple[CardFields, dict[str, float]]:
    """Fields and a 0-1 confidence for each field found."""
    f = CardFields()
    conf: dict[str, float] = {}
    rest: list[Line] = []
    postal_at: int | None = None
    japanese = sum(is_wide(c) for x in lines for c in x.text) >= 5
    for line in lines:
        text = _clean(line.text)
        if not text:
            continue
        used = False
        if "@" in text:
            m = EMAIL.search(_compact(MAIL_LABEL.sub("", text)))
            if m and not f.email:
                f.email, conf["email"], used = m.group(0), line.conf, True
        if not used:
            m = URL.search(_compact(text).replace(",", "."))
            if m and not f.url and not re.search(r"\d{3}-\d{4}", text):
                f.url, conf["url"], used = m.group(0).rstrip(".,"), line.conf, True
        if not used:
            m = POSTAL_JA.search(text)
            tail = ""
            if m and len(re.sub(r"\D", "", text[: m.end()])) == 7 and not f.postal_code:
                f.postal_code, conf["postal_code"] = f"{m.group(1)}-{m.group(2)}", line.conf
                tail, used, postal_at = text[m.end() :].strip(), True, len(rest)
                if tail:
                    f.address, conf["address"] = _compact(tail), line.conf
        if (
            not used
            and (
                PREFECTURE.match(_compact(text))
                or (postal_at == len(rest) and not f.address and is_wide(text[0]))
            )
            and not _phones(text)
        ):
            f.address, conf["address"], used = _compact(text), line.conf, True
        if not used:
            phones = _phones(text, japanese=japanese)
            if phones:
                f.phones.extend(phones)
                conf["phones"] = min(conf.get("phones", 1.0), line.conf)
                used = True
        if not used:
            m = ZIP_EN.search(text)
            if m:
                f.postal_code, conf["postal_code"] = m.group(2), line.conf
                street = rest.pop() if rest and re.match(r"^\d", _clean(rest[-1].text)) else None
                f.address = f"{_clean(street.text)}, {text}" if street else text
                conf["address"], used = line.conf, True
        if not used:
            rest.append(Line(text, line.size, line.conf, line.top, line.left))
    _people(rest, f, conf)
    return f, conf


def _people(rest: list[Line], f: CardFields, conf: dict[str, float]) -> None:
    """Company, department, title, reading and name among the lines no contact rule took."""
    left: list[Line] = []
    for line in rest:
        text = line.text
        wide = any(is_wide(c) for c in text)
        if (
            not f.company
            and (COMPANY_JA.search(text) if wide else COMPANY_EN.search(text))
            and not TITLE_EN.search(text)
        ):
            f.company, conf["company"] = _close_cjk(text), line.conf
        elif (
            wide
            and KANA.match(text)
            and not f.reading
            and not any(text.endswith(t) for t in TITLE_JA)
        ):
            f.reading, conf["reading"] = re.sub(r"\s+", " ", text), line.conf
        elif wide and any(t in text for t in TITLE_JA) and not f.title:
            dept, title = _split_role_ja(text)
            f.title, conf["title"] = title, line.conf
            if dept:
                f.department, conf["department"] = dept, line.conf
        elif wide and DEPT_JA.search(text) and not f.department and len(text) < 16:
            f.department, conf["department"] = text, line.conf
        elif not wide and TITLE_EN.search(text) and not f.title and len(text.split()) <= 6:
            f.title, conf["title"] = text, line.conf
        elif not wide and DEPT_EN.search(text) and not f.department:
            f.department, conf["department"] = text, line.conf
        else:
            left.append(line)
    names = [
        x for x in left if sum(c.isalpha() for c in x.text) >= 2 and not re.search(r"\d", x.text)
    ]
    if names:
        best = max(names, key=lambda x: x.size)
        f.name, conf["name"] = _name(best.text), best.conf
        left.remove(best)
    if not f.company and left:
        best = max(left, key=lambda x: (x.size, -x.top))
        f.company, conf["company"] = _close_cjk(best.text), best.conf * 0.6


def _name(text: str) -> str:
    """A person's name: a wide gap between family and given name kept as one space."""
    text = re.sub(r"\s+", " ", text.strip())
    if any(is_wide(c) for c in text) and text.count(" ") > 1:
        return text.replace(" ", "")
    return text
