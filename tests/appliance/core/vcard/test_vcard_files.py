"""vCard 3.0 and 4.0 files in and out: our own cards come back field for field, and the
cards phones and other programs write are read (readings, labels, extensions, 2.1's
quoted-printable Shift_JIS), a bad card reported by its line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from appliance.core.errors import InvalidInput
from appliance.core.importing.reading import read_sheet
from appliance.core.importing.run import import_file
from appliance.core.roundtrip import differences, snapshots
from appliance.core.seeding_full import seed_full
from appliance.core.vcard.writing import export_vcards
from appliance.db.models import Customer
from appliance.db.store import Store


def open_store(path: Path) -> Store:
    return Store.open(path, os.urandom(32), create=True)


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_a_vcard_round_trip_keeps_every_field(tmp_path: Path, version: str) -> None:
    out = tmp_path / "customers.vcf"
    source = open_store(tmp_path / "box.db")
    try:
        source.executor.call(seed_full, 20, seed=8)
        assert source.executor.call(export_vcards, out, version) == 20
        before = source.executor.call(snapshots, "bodies")
        again = source.executor.call(import_file, out)
    finally:
        source.close()
    assert (len(again.duplicates), again.imported_ids) == (20, [])  # its own box knows them
    text = out.read_bytes().decode("utf-8")
    assert text.count("BEGIN:VCARD") == 20 and f"VERSION:{version}" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert out.stat().st_mode & 0o777 == 0o600
    target = open_store(tmp_path / "empty.db")
    try:
        report = target.executor.call(import_file, out)
        after = target.executor.call(snapshots, "bodies")
    finally:
        target.close()
    assert (len(report.imported_ids), report.rejected, report.fixes) == (20, [], [])
    assert differences(before, after) == (20, set())


PHONE_CARDS = "\r\n".join(
    [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N;CHARSET=UTF-8:山田;太郎;;;",
        "X-PHONETIC-LAST-NAME:ヤマダ",
        "X-PHONETIC-FIRST-NAME:タロウ",
        "ORG:山田商店;配達部",
        "item1.TEL;type=CELL;type=pref:090-1234-5678",
        "item1.X-ABLabel:_$!<Mobile>!$_",
        "TEL;TYPE=WORK:03-1234-5678 内線12",
        "EMAIL;TYPE=INTERNET:Taro@Example.JP",
        "item2.ADR;TYPE=HOME:;;千代田1-1;千代田区;東京都;100-0001;JP",
        "BDAY:1980-04-01",
        "CATEGORIES:常連,VIP",
        "NOTE:大盛り\\nネギ抜き",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:4.0",
        'N;SORT-AS="SMITH,JOHN":Smith;John;;;',
        "FN:John Smith",
        "TEL;VALUE=uri;TYPE=home:tel:+1-212-555-0123;ext=45",
        "GENDER:M",
        "BDAY:19750203",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=8D=B2=93=A1;=89=D4=8Eq",
        "TEL;CELL:080-2222-3333",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:佐藤 花子",
        "EMAIL:not-an-address",
        "END:VCARD",
        "",
    ]
)


def test_cards_from_phones_are_read(tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(PHONE_CARDS, encoding="utf-8")
    store = open_store(tmp_path / "box.db")
    try:
        report = store.executor.call(import_file, path, good_only=True)
        people = store.executor.call(lambda: list(Customer.select().order_by(Customer.id)))
        yamada = store.executor.call(lambda: snapshots("bodies")[0])
        smith = store.executor.call(lambda: snapshots("bodies")[1])
    finally:
        store.close()
    assert [r.row for r in report.rejected] == [29] and "email" in report.rejected[0].reason
    assert [c.display_name for c in people] == ["山田 太郎", "John Smith", "佐藤 花子"]
    assert (yamada["reading"], yamada["company"], yamada["department"]) == (
        "ヤマダ タロウ",
        "山田商店",
        "配達部",
    )
    assert [(p[0], p[3], p[4]) for p in yamada["phones"]] == [
        ("+819012345678", "Mobile", ""),
        ("+81312345678", "work", "12"),
    ]
    assert yamada["emails"] == [("taro@example.jp", "")]
    assert yamada["addresses"][0][1:6] == ("JP", "100-0001", "東京都", "千代田区", "千代田1-1")
    assert (str(yamada["birth_date"]), yamada["tags"], yamada["notes"]) == (
        "1980-04-01",
        ["VIP", "常連"],
        ["大盛り\nネギ抜き"],
    )
    assert (smith["reading"], smith["gender"], str(smith["birth_date"])) == (
        "SMITH JOHN",
        "male",
        "1975-02-03",
    )
    assert smith["phones"][0][0] == "+12125550123" and smith["phones"][0][4] == "45"


def test_a_file_without_cards_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.vcf"
    path.write_text("hello\r\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="no vCard"):
        read_sheet(path)


def test_n_holds_family_then_given_name() -> None:
    from appliance.core.vcard.writing import card_lines

    headers = ["氏名 Name", "個人/法人 Kind"]
    assert "N:Smith;John;;;" in card_lines(headers, ["John Smith", "person"], [], "3.0")
    assert "N:山田;太郎;;;" in card_lines(headers, ["山田 太郎", "person"], [], "3.0")
    assert "N:;;;;" in card_lines(headers, ["山田商店", "company"], [], "4.0")
