"""Import: reading xlsx/csv in every encoding, guessing columns, and judging each row."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from appliance.core.errors import InvalidInput
from appliance.core.importing.mapping import apply_overrides, guess_mapping
from appliance.core.importing.reading import decode_csv_bytes, read_sheet
from appliance.core.importing.records import Record, Rejected, build_record, prefecture_of

DATA = Path(__file__).parents[2] / "data"


def cols(fields: list[str]) -> list[tuple[str, int]]:
    """Fields as the columns of a foreign sheet (no numbered groups)."""
    return [(f, 0) for f in fields]


JP_FIELDS = [
    "name",
    "reading",
    "phone",
    "phone",
    "postal_code",
    "address",
    "company",
    "email",
    "note",
    "tags",
]


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("customers_cp932.csv", "cp932"),
        ("customers_utf8.csv", "utf-8"),
        ("customers_en_bom.csv", "utf-8-sig"),
        ("customers.xlsx", None),
    ],
)
def test_every_format_reads_the_same_way(name: str, encoding: str | None) -> None:
    sheet = read_sheet(DATA / name)
    assert sheet.encoding == encoding
    assert sheet.rows[0][0] == 2  # row numbers as the spreadsheet shows them
    assert all(len(cells) == len(sheet.headers) for _, cells in sheet.rows)


def test_cp932_and_utf8_files_hold_the_same_text() -> None:
    sjis, utf8 = read_sheet(DATA / "customers_cp932.csv"), read_sheet(DATA / "customers_utf8.csv")
    assert sjis.headers[:3] == ["氏名", "フリガナ", "電話番号"]
    assert sjis.rows == utf8.rows
    assert read_sheet(DATA / "customers.xlsx").rows == utf8.rows


def test_encoding_detection_prefers_bom_then_utf8_then_cp932() -> None:
    text = "氏名,電話番号\r\n山田 太郎,03-1234-5678\r\n"
    assert decode_csv_bytes(b"\xef\xbb\xbf" + text.encode()) == (text, "utf-8-sig")
    assert decode_csv_bytes(text.encode()) == (text, "utf-8")
    assert decode_csv_bytes(text.encode("cp932")) == (text, "cp932")
    with pytest.raises(InvalidInput, match="encoding"):
        decode_csv_bytes(b"\x82\xa0\x81\x20\x81")


@pytest.mark.parametrize("name", ["not_really.xlsx", "missing.csv", "customers.pdf"])
def test_unreadable_files_are_refused_clearly(tmp_path: Path, name: str) -> None:
    path = DATA / name if name != "customers.pdf" else tmp_path / name
    if name == "customers.pdf":
        path.write_bytes(b"%PDF-1.4")
    with pytest.raises(InvalidInput):
        read_sheet(path)


def test_japanese_headers_are_guessed() -> None:
    assert guess_mapping(read_sheet(DATA / "customers_cp932.csv").headers) == JP_FIELDS


def test_english_and_variant_headers_are_guessed() -> None:
    headers = ["Name", "Company", "Phone", "Email", "Zip", "Address", "Notes"]
    assert guess_mapping(headers) == [
        "name",
        "company",
        "phone",
        "email",
        "postal_code",
        "address",
        "note",
    ]
    variants = [
        "姓",
        "名",
        "ﾌﾘｶﾞﾅ",
        "TEL",
        "ＦＡＸ",
        "〒",
        "都道府県",
        "住所2",
        "会員番号",
        "E-Mail",
    ]
    assert guess_mapping(variants) == [
        "family_name",
        "given_name",
        "reading",
        "phone",
        "phone",
        "postal_code",
        "prefecture",
        "address",
        "ignore",
        "email",
    ]


def test_mapping_is_editable_by_header_number_or_letter() -> None:
    headers = ["お客様", "会員番号", "メモ"]
    mapping = guess_mapping(headers)
    assert mapping == ["ignore", "ignore", "note"]
    edited = apply_overrides(headers, mapping, ["お客様=name", "2=tags", "C=ignore"])
    assert edited == ["name", "tags", "ignore"]
    with pytest.raises(InvalidInput, match="COL=FIELD"):
        apply_overrides(headers, mapping, ["A=favourite_colour"])
    with pytest.raises(InvalidInput, match="no column"):
        apply_overrides(headers, mapping, ["Z=name"])


def test_a_good_row_becomes_a_record() -> None:
    cells = [
        "山田 太郎",
        "ヤマダ タロウ",
        "０３ー１２３４ー５６７８",
        "090-1111-2222",
        "〒150-0001",
        "大阪府大阪市北区梅田1-1",
        "",
        "Taro@Example.JP",
        "辛口",
        "VIP、常連",
    ]
    rec = build_record(7, cells, cols(JP_FIELDS), "JP")
    assert isinstance(rec, Record)
    assert (rec.row, rec.name, rec.reading) == (7, "山田 太郎", "ヤマダ タロウ")
    assert [p.e164 for p in rec.phones] == ["+81312345678", "+819011112222"]
    assert (rec.addresses[0].postal_code, rec.addresses[0].prefecture) == ("150-0001", "大阪府")
    assert (rec.emails, rec.notes, rec.tags) == (["taro@example.jp"], ["辛口"], ["VIP", "常連"])


def test_broken_rows_are_rejected_with_their_row_numbers() -> None:
    sheet = read_sheet(DATA / "customers_broken.csv")
    mapping = guess_mapping(sheet.headers)
    results = [build_record(n, cells, cols(mapping), "JP") for n, cells in sheet.rows]
    rejected = [(r.row, r.reason) for r in results if isinstance(r, Rejected)]
    assert [row for row, _ in rejected] == [3, 4, 5, 6]
    assert "phone number" in rejected[0][1]
    assert "no name" in rejected[1][1]
    assert "email" in rejected[2][1]
    assert "postal code" in rejected[3][1]


def test_company_alone_is_enough_and_names_join() -> None:
    rec = build_record(
        2, ["", "", "有限会社松田ガス"], cols(["family_name", "given_name", "company"]), "JP"
    )
    assert isinstance(rec, Record) and rec.name == "有限会社松田ガス"
    rec = build_record(2, ["松田", "香織"], cols(["family_name", "given_name"]), "JP")
    assert isinstance(rec, Record) and rec.name == "松田 香織"


def test_prefecture_of_address() -> None:
    assert prefecture_of("東京都千代田区") == "東京都"
    assert prefecture_of("北海道札幌市") == "北海道"
    assert prefecture_of("神奈川県横浜市") == "神奈川県"
    assert prefecture_of("New York, NY") == ""


# --- through a real encrypted store ---------------------------------------------------------

import os  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from typing import Any  # noqa: E402

from appliance.core.importing.run import import_file  # noqa: E402
from appliance.core.lookup import lookup_by_number  # noqa: E402
from appliance.core.search import search  # noqa: E402
from appliance.db.models import Customer, CustomerTag, Phone  # noqa: E402
from appliance.db.store import Store  # noqa: E402


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "box.db", os.urandom(32), create=True)
    yield s
    s.close()


def count_rows(store: Store) -> tuple[int, int, int]:
    def counts() -> tuple[int, int, int]:
        return Customer.select().count(), Phone.select().count(), CustomerTag.select().count()

    return store.executor.call(counts)


def test_cp932_csv_imports_everything_and_is_searchable(store: Store) -> None:
    report = store.executor.call(import_file, DATA / "customers_cp932.csv")
    assert report.encoding == "cp932"
    assert (len(report.imported_ids), report.rejected, report.duplicates) == (8, [], [])
    # 藤原 shares 田中's number (one household): imported, and the shared line is reported.
    assert report.shared_numbers == [(7, "075-138-2408")]
    assert count_rows(store) == (8, 12, 4)
    owners = store.executor.call(lookup_by_number, "0751382408")
    assert [c.display_name for c in owners] == ["田中 零", "藤原 京助"]
    assert [h.display_name for h in store.executor.call(search, "ﾌｼﾞﾜﾗ", 5)] == ["藤原 京助"]


def test_a_bad_file_imports_nothing_and_reports_every_bad_row(store: Store) -> None:
    report = store.executor.call(import_file, DATA / "customers_broken.csv")
    assert [r.row for r in report.rejected] == [3, 4, 5, 6]
    assert not report.committed
    assert count_rows(store) == (0, 0, 0)
    assert store.executor.call(search, "伊藤", 5) == []


def test_dry_run_checks_but_writes_nothing(store: Store) -> None:
    report = store.executor.call(import_file, DATA / "customers.xlsx", dry_run=True)
    assert (report.to_import, report.rejected, report.committed) == (8, [], False)
    assert count_rows(store) == (0, 0, 0)


def test_importing_the_same_file_twice_skips_duplicates(store: Store) -> None:
    store.executor.call(import_file, DATA / "customers.xlsx")
    again = store.executor.call(import_file, DATA / "customers_utf8.csv")
    assert len(again.duplicates) == 8 and not again.committed
    assert again.duplicates[0].existing == "customer 1"
    assert count_rows(store)[0] == 8


def test_map_override_and_progress(store: Store) -> None:
    seen: list[tuple[int, int]] = []
    report = store.executor.call(
        import_file,
        DATA / "customers_en_bom.csv",
        overrides=["Notes=tags"],
        progress=lambda done, total: seen.append((done, total)),
    )
    assert report.mapping[-1] == "tags"
    assert len(report.imported_ids) == 5
    assert seen[-1] == (5, 5)


def test_foreign_postal_codes_are_kept_japanese_ones_checked() -> None:
    fields = cols(["name", "postal_code", "prefecture", "address"])
    us = build_record(2, ["Emily Clark", "60281", "IL", "Chicago"], fields, "JP")
    assert isinstance(us, Record) and us.addresses[0].postal_code == "60281"
    jp = build_record(3, ["山田 太郎", "60281", "大阪府", "大阪市北区"], fields, "JP")
    assert isinstance(jp, Rejected) and "postal code" in jp.reason


def test_an_import_writes_one_audit_row(store: Store) -> None:
    from appliance.core.audit import verify_audit_chain
    from appliance.db.models import AuditLog

    store.executor.call(import_file, DATA / "customers.xlsx")
    rows = store.executor.call(lambda: list(AuditLog.select().where(AuditLog.action == "import")))
    assert len(rows) == 1
    assert '"source": "customers.xlsx"' in rows[0].after and '"customers": 8' in rows[0].after
    assert store.executor.call(verify_audit_chain).ok


def test_a_bulk_sized_import_is_searchable_by_one_character(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from appliance.db import search_index

    monkeypatch.setattr(search_index, "_BULK_DOCS", 2)  # the 8-row file takes the bulk path
    report = store.executor.call(import_file, DATA / "customers.xlsx")
    assert len(report.imported_ids) == 8
    assert [h.display_name for h in store.executor.call(search, "助", 5)] == ["藤原 京助"]
    notes = store.executor.call(search, "裏口", 9)  # two characters of a note: the gram table
    assert [h.display_name for h in notes] == ["岡田 明美", "藤原 京助"]
    assert [h.display_name for h in store.executor.call(search, "ﾌｼﾞﾜﾗ", 5)] == ["藤原 京助"]


def test_imported_search_docs_equal_those_read_back_from_the_tables(store: Store) -> None:
    from appliance.core.importing.mapping import guess_mapping as guess
    from appliance.core.importing.reading import Sheet
    from appliance.core.importing.run import import_sheet
    from appliance.db.models import Tag, utcnow
    from appliance.db.search import build_docs
    from appliance.db.search_index import IndexRow, index_row

    def existing_tag() -> None:  # an older tag spelled differently: its own name is indexed
        Tag.create(name="Vip", key="vip", created_at=utcnow(), updated_at=utcnow(), version=1)

    store.executor.call(existing_tag)
    headers = [
        "氏名",
        "フリガナ",
        "電話番号",
        "会社名",
        "メール",
        "郵便番号",
        "住所",
        "備考",
        "タグ",
    ]
    sheet = Sheet(
        headers,
        [
            (
                2,
                [
                    "山田 太郎",
                    "ヤマダ タロウ",
                    "03-1234-5678、090-1111-2222",
                    "山田商店",
                    "Taro@Example.jp",
                    "100-0001",
                    "東京都千代田区千代田1-1",
                    "裏口から",
                    "VIP、常連、vip",
                ],
            ),
            (3, ["John Smith", "", "+1 201-555-0123", "", "", "", "", "", ""]),
            (4, ["", "", "117", "株式会社ひかり", "", "5300001", "", "請求書は月末", "常連"]),
        ],
    )
    report = store.executor.call(import_sheet, sheet, mapping=guess(headers))
    assert report.rejected == [] and len(report.imported_ids) == 3

    def rows() -> tuple[list[tuple[int, IndexRow]], list[tuple[int, IndexRow]]]:
        from appliance.core.importing.writing import index_rows, untagged_index_row

        fields = cols(guess(headers))
        records = [build_record(n, cells, fields, "JP") for n, cells in sheet.rows]
        checked = [(r, untagged_index_row(r)) for r in records if isinstance(r, Record)]
        stored = [
            (d.customer_id, index_row(d.names, d.other)) for d in build_docs(report.imported_ids)
        ]
        return stored, index_rows(report.imported_ids, checked)

    stored, built = store.executor.call(rows)
    assert built == stored
    assert "vip" in built[0][1].other and "117" in built[2][1].other


# --- many rows: checked in a worker process, written chunk by chunk ---------------------------


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The 8-row fixtures take the big-file path: a worker process, 3 rows per chunk."""
    from appliance.core.importing import checking

    monkeypatch.setattr(checking, "WORKER_ROWS", 2)
    monkeypatch.setattr(checking, "CHUNK_ROWS", 3)


def _index_content(store: Store) -> tuple[list[Any], list[Any], list[Any]]:
    """Every trigram row, every gram (term, row, column) and the gram averages record."""

    def read() -> tuple[list[Any], list[Any], list[Any]]:
        from appliance.db.models.base import database_proxy

        db = database_proxy.obj
        db.execute_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.gram_vocab "
            "USING fts5vocab(main, search_gram, instance)"
        )
        tri = list(db.execute_sql("SELECT rowid, names, other FROM search_tri ORDER BY rowid"))
        gram = list(db.execute_sql("SELECT term, doc, col FROM temp.gram_vocab ORDER BY 1, 2, 3"))
        averages = list(db.execute_sql("SELECT block FROM search_gram_data WHERE id = 1"))
        return tri, gram, averages

    result: tuple[list[Any], list[Any], list[Any]] = store.executor.call(read)
    return result


def test_a_worker_checked_import_indexes_what_a_rebuild_does(
    store: Store, small_chunks: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from appliance.core.importing import checking
    from appliance.db import search as search_db

    report = store.executor.call(import_file, DATA / "customers.xlsx")
    assert (len(report.imported_ids), report.rejected, report.duplicates) == (8, [], [])
    imported = _index_content(store)
    assert len(imported[0]) == 8 and imported[1]
    store.executor.call(search_db.rebuild)
    # A rebuild first deletes every row, which leaves the contentless table's counts behind.
    assert _index_content(store)[:2] == imported[:2]
    assert [h.display_name for h in store.executor.call(search, "助", 5)] == ["藤原 京助"]
    assert count_rows(store) == (8, 12, 4)
    monkeypatch.setattr(checking, "WORKER_ROWS", 100)  # the same file checked in-process
    other = Store.open(tmp_path / "other.db", os.urandom(32), create=True)  # (the last store)
    try:
        other.executor.call(import_file, DATA / "customers.xlsx")
        assert _index_content(other) == imported  # token counts (the averages record) too
    finally:
        other.close()


def test_a_row_rejected_after_chunks_were_written_imports_nothing(
    store: Store, small_chunks: None, tmp_path: Path
) -> None:
    good = (DATA / "customers_utf8.csv").read_text(encoding="utf-8").splitlines()
    bad = "岡本 誠,オカモト マコト,03-1234-5678,not-a-number,1000001,東京都港区,,,,"
    path = tmp_path / "late_error.csv"
    path.write_text("\n".join([*good, bad, *good[1:3]]) + "\n", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    report = store.executor.call(import_file, path, progress=lambda d, t: seen.append((d, t)))
    assert [r.row for r in report.rejected] == [len(good) + 1]
    assert not report.committed and report.imported_ids == []
    assert [d.row for d in report.duplicates] == [len(good) + 2, len(good) + 3]
    assert count_rows(store) == (0, 0, 0)
    assert store.executor.call(search, "藤原", 5) == []
    assert seen[-1] == (len(good) + 2, len(good) + 2)


def test_duplicates_across_chunks_are_skipped(store: Store, small_chunks: None) -> None:
    store.executor.call(import_file, DATA / "customers.xlsx")
    again = store.executor.call(import_file, DATA / "customers_utf8.csv")
    assert len(again.duplicates) == 8 and not again.committed
    assert count_rows(store)[0] == 8


def _workbook(path: Path, rows: list[list[Any]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


PEOPLE = [
    ["山本 健", "03-3201-4455"],
    ["佐々木 真理", "06-6312-0918"],
    ["Emily Clark", "+1 201-555-0187"],
    ["中村 陽子", "090-4417-2203"],
    ["小林 大輔", "052-201-7734"],
]


def test_a_date_late_in_a_big_xlsx_still_imports_every_row(
    store: Store, small_chunks: None, tmp_path: Path
) -> None:
    import datetime as dt

    rows: list[list[Any]] = [["氏名", "電話番号", "誕生日"], *[[*p, ""] for p in PEOPLE]]
    rows[-1][2] = dt.datetime(1984, 5, 17)  # the fast reader gives up here, openpyxl reads
    report = store.executor.call(import_file, _workbook(tmp_path / "dates.xlsx", rows))
    assert (len(report.imported_ids), report.rejected) == (5, [])
    assert [h.display_name for h in store.executor.call(search, "陽", 5)] == ["中村 陽子"]


def test_a_map_override_beyond_the_header_row_applies_to_a_big_xlsx(
    store: Store, small_chunks: None, tmp_path: Path
) -> None:
    rows: list[list[Any]] = [["氏名", "電話番号"], *[[*p, "裏口から"] for p in PEOPLE]]
    path = _workbook(tmp_path / "wide.xlsx", rows)
    report = store.executor.call(import_file, path, overrides=["C=note"])
    assert report.mapping == ["name", "phone", "note"] and len(report.imported_ids) == 5
    assert len(store.executor.call(search, "裏口", 9)) == 5


def test_the_worker_checks_ahead_while_the_file_is_still_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its results are taken as they come: a worker that had to wait for the end of the read
    with a full pipe would have checked little more than 64 KiB of results by then."""
    from appliance.core.importing import checking

    monkeypatch.setattr(checking, "WORKER_ROWS", 2)
    monkeypatch.setattr(checking, "CHUNK_ROWS", 100)
    early = checking.EarlyChecker([], "JP")
    early.row(1, ["氏名", "フリガナ", "電話番号", "住所"])
    rows = [
        (
            n,
            [
                f"山田 太郎{n}",
                "ヤマダ タロウ",
                f"03-{3000 + n:04d}-{n:04d}",
                "東京都千代田区丸の内1-1",
            ],
        )
        for n in range(2, 2002)
    ]
    for number, cells in rows:
        early.row(number, cells)
    worker = early._worker
    assert worker is not None
    early._flush()  # the reader has reached the last row: every chunk is with the worker
    deadline = time.monotonic() + 60
    while worker._inbox.qsize() < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert worker._inbox.qsize() == 20  # every result is back before anyone asks for them
    chunks = early.chunks_for(rows, cols(["name", "reading", "phone", "address"]))
    assert chunks is not None
    checked = [item for chunk in chunks for item in chunk]
    assert len(checked) == 2000 and not [c for c in checked if isinstance(c, Rejected)]
