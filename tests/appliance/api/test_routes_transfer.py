"""Customers in and out over real TLS: a manager exports, previews an upload with its guessed
mapping, imports it with progress lines and a row-by-row result; an operator may not."""

from __future__ import annotations

import json

from routes_office import RECEPTION, Office

from appliance.contract.transfer import ImportPreview, ImportProgress
from appliance.core.seeding_full import seed_full

MIXED = "氏名,電話番号,メモ\n山田 太郎,312345678,裏口へ\n佐藤 花子,not a number,\n".encode()


async def _lines(response_text: str) -> list[ImportProgress]:
    return [ImportProgress.model_validate(json.loads(x)) for x in response_text.splitlines()]


async def test_export_preview_and_import_back_into_the_same_box(office: Office) -> None:
    await office.store.executor.run(seed_full, 12, seed=3)
    http = office.client(RECEPTION, await office.login(RECEPTION, "suzuki"))
    r = await http.get("/transfer/export", params={"format": "xlsx", "sheets": "notes,calls"})
    assert r.status_code == 200, r.text
    assert r.headers["x-ringdesk-customers"] == "12" and r.content[:2] == b"PK"
    assert 'filename="ringdesk-customers-' in r.headers["content-disposition"]
    preview = ImportPreview.model_validate(
        (await http.post("/transfer/preview", params={"name": "c.xlsx"}, content=r.content)).json()
    )
    assert preview.rows == 12 and preview.columns[2].field == "name"
    assert "custom:allergy" in preview.fields and preview.columns[2].samples
    r = await http.post("/transfer/import", params={"name": "c.xlsx"}, content=r.content)
    lines = await _lines(r.text)
    result = lines[-1].result
    assert result is not None and (result.already_there, result.imported) == (12, 0)
    assert lines[-2].done == lines[-2].total == 12


async def test_vcards_come_out_in_either_version(office: Office) -> None:
    await office.store.executor.run(seed_full, 3, seed=5)
    http = office.client(RECEPTION, await office.login(RECEPTION, "tanaka"))
    r = await http.get("/transfer/export", params={"format": "vcf", "version": "4.0"})
    assert r.text.count("BEGIN:VCARD") == 3 and "VERSION:4.0" in r.text
    assert r.headers["content-type"].startswith("text/vcard")


async def test_bad_rows_are_reported_and_the_good_ones_imported_on_request(
    office: Office,
) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "suzuki"))
    params = {"name": "mixed.csv"}
    refused = (
        await _lines((await http.post("/transfer/import", params=params, content=MIXED)).text)
    )[-1].result
    assert refused is not None and not refused.committed and refused.would_import == 1
    assert [(p.row, "phone number" in p.reason) for p in refused.problems] == [(3, True)]
    r = await http.post("/transfer/import", params={**params, "good_only": "true"}, content=MIXED)
    done = (await _lines(r.text))[-1].result
    assert done is not None and done.committed and done.imported == 1
    assert done.fixes[0].row == 2 and "03-1234-5678" in done.fixes[0].fix


async def test_the_mapping_chosen_at_the_desk_is_used(office: Office) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "suzuki"))
    fields = {"field": ["name", "phone", "tags"]}
    r = await http.post(
        "/transfer/import", params={"name": "m.csv", **fields, "dry_run": "true"}, content=MIXED
    )
    result = (await _lines(r.text))[-1].result
    assert result is not None and result.mapping == ["name", "phone", "tags"] and result.dry_run


async def test_unreadable_uploads_end_the_stream_with_a_reason(office: Office) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "suzuki"))
    r = await http.post("/transfer/import", params={"name": "x.xlsx"}, content=b"not a zip")
    assert "readable" in (await _lines(r.text))[-1].error
    r = await http.post("/transfer/preview", params={"name": "x.pdf"}, content=b"%PDF")
    assert r.status_code == 422 and "unsupported" in r.text
    r = await http.post("/transfer/preview", params={"name": "x.csv"}, content=b"")
    assert r.status_code == 422


async def test_operators_may_not_move_customers_in_or_out(office: Office) -> None:
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    assert (await http.get("/transfer/export")).status_code == 403
    r = await http.post("/transfer/import", params={"name": "m.csv"}, content=MIXED)
    assert r.status_code == 403
