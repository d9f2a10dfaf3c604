"""Card lines into fields: labels, Japanese and English cards, OCR's usual slips."""

from __future__ import annotations

from appliance.bizcard.fields import CardPhone
from appliance.bizcard.ocr import Line
from appliance.bizcard.parse import parse


def lines(*rows: tuple[str, int]) -> list[Line]:
    return [Line(text, size, 0.9, top=i * 40, left=50) for i, (text, size) in enumerate(rows)]


def test_a_japanese_card_gives_every_field() -> None:
    f, conf = parse(
        lines(
            ("株式会社 高橋 食品", 34),
            ("営業部 第二課 課長", 26),
            ("佐藤 美咲", 70),
            ("サトウ ミサキ", 20),
            ("〒150-0041 東京都渋谷区神南1丁目2番3号", 24),
            ("TEL 03-1234-5678 FAX 03-1234-5679", 24),
            ("携帯 090-1111-2222", 24),
            ("E-mail misaki.sato@takahashi-foods. co. jp", 24),
            ("https: //www. takahashi-foods. co. jp", 24),
        )
    )
    assert f.name == "佐藤 美咲"
    assert f.reading == "サトウ ミサキ"
    assert f.company == "株式会社高橋食品"
    assert (f.department, f.title) == ("営業部 第二課", "課長")
    assert (f.postal_code, f.address) == ("150-0041", "東京都渋谷区神南1丁目2番3号")
    assert f.phones == [
        CardPhone("tel", "03-1234-5678"),
        CardPhone("fax", "03-1234-5679"),
        CardPhone("mobile", "090-1111-2222"),
    ]
    assert f.email == "misaki.sato@takahashi-foods.co.jp"
    assert f.url == "https://www.takahashi-foods.co.jp"
    assert set(conf) >= {"name", "company", "phones", "email", "postal_code"}
    assert all(0 <= v <= 1 for v in conf.values())


def test_an_english_card_with_zip_code_and_labelled_phones() -> None:
    f, _ = parse(
        lines(
            ("Harper, Lowe and Diaz", 30),
            ("Marketing", 22),
            ("Account Executive", 26),
            ("Danielle Brooks", 80),
            ("4410 Birch Lane Suite 12", 22),
            ("Springfield, OR 97477", 22),
            ("Office (541) 555-0134", 22),
            ("Cell 541-555-0199", 22),
            ("Email: danielle.brooks@harperlowe.com", 22),
            ("www, harperlowe. com", 22),
        )
    )
    assert f.name == "Danielle Brooks"
    assert f.company == "Harper, Lowe and Diaz"
    assert (f.department, f.title) == ("Marketing", "Account Executive")
    assert f.postal_code == "97477"
    assert f.address == "4410 Birch Lane Suite 12, Springfield, OR 97477"
    assert [p.kind for p in f.phones] == ["tel", "mobile"]
    assert f.email == "danielle.brooks@harperlowe.com"
    assert f.url == "www.harperlowe.com"


def test_a_mobile_number_is_no_postal_code_and_vertical_hyphens_are_read() -> None:
    f, _ = parse(
        lines(
            ("〒260-_-1710", 24),
            ("千葉県千葉市中央区1丁目2番3号", 24),
            ("携帯電話070-2318-_-8202", 24),
            ("TEL: 911-174-4270", 24),
            ("林 晃", 70),
        )
    )
    assert f.postal_code == "260-1710"
    # a Japanese number starts with 0: a leading 9 is Tesseract's slip
    assert f.phones == [CardPhone("mobile", "070-2318-8202"), CardPhone("tel", "011-174-4270")]


def test_a_title_glued_to_its_department_is_split() -> None:
    f, _ = parse(lines(("株式会社松本", 30), ("企画部部長", 26), ("山口 健一", 70)))
    assert (f.department, f.title) == ("企画部", "部長")
    f, _ = parse(lines(("株式会社松本", 30), ("営業部長", 26), ("山口 健一", 70)))
    assert (f.department, f.title) == ("", "営業部長")


def test_unlabelled_numbers_take_their_kind_from_the_number() -> None:
    f, _ = parse(
        lines(("有限会社森", 30), ("森 一郎", 70), ("06-6123-4567", 24), ("080-1234-5678", 24))
    )
    assert [p.kind for p in f.phones] == ["tel", "mobile"]


def test_nothing_read_gives_empty_fields() -> None:
    f, conf = parse([])
    assert (f.name, f.phones, conf) == ("", [], {})
