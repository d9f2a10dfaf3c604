"""The analysis over real TLS: a manager reads the overview, lists, breakdowns and the
customers behind a figure and makes a call list; an operator records NPS but sees no reports;
a manager whose role lost `reports` is refused by the box."""

from __future__ import annotations

import json

from routes_office import KITCHEN, RECEPTION, Office

from appliance.contract.analysis import (
    AnalysisBreakdownsOut,
    AnalysisListOut,
    AnalysisOverviewOut,
    DrillOut,
)
from appliance.db.models import Role


async def _customer(http: object, name: str) -> int:
    r = await http.post("/customers", json={"display_name": name})  # type: ignore[attr-defined]
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


async def test_manager_reads_the_analysis(office: Office) -> None:
    boss = office.client(RECEPTION, await office.login(RECEPTION, "suzuki"))
    sato = office.client(KITCHEN, await office.login(KITCHEN, "sato"))
    ids = [await _customer(sato, n) for n in ("山本 健太", "小林 さくら")]
    for cid, yen in zip(ids, (4800, 1200), strict=True):
        order = {"items": [{"description": "特上うな重", "unit_price": yen}]}
        assert (await sato.post(f"/customers/{cid}/orders", json=order)).status_code == 201
    r = await boss.get("/analysis/overview")
    assert r.status_code == 200, r.text
    view = AnalysisOverviewOut.model_validate(r.json())
    assert len(view.months) == 12 and view.months[-1].customers == 2
    assert view.months[-1].revenue == 6000 and view.ranks.get("A") == 1
    assert "nps" in view.how and view.how["nps"][1].startswith("% promoters")
    month = view.months[-1].month
    drilled = DrillOut.model_validate(
        (await boss.get("/analysis/drill", params={"figure": "rank", "value": "A"})).json()
    )
    assert drilled.count == 1 and drilled.customers[0].id == ids[0]
    r = await boss.get("/analysis/drill", params={"figure": "customers", "month": month})
    assert DrillOut.model_validate(r.json()).count == 2
    bad = await boss.get("/analysis/drill", params={"figure": "everything"})
    assert bad.status_code == 422
    r = await boss.get("/analysis/breakdowns", params={"month": month})
    parts = AnalysisBreakdownsOut.model_validate(r.json())
    assert sum(map(sum, parts.orders_heat)) == 2 and parts.product[0].revenue == 6000
    lists = AnalysisListOut.model_validate((await boss.get("/analysis/lists/dormant")).json())
    assert lists.rows == []
    made = await boss.post("/analysis/lists/dormant/call-list", json={"name": "休眠掘り起こし"})
    assert made.status_code == 422  # an empty list makes no call list
    # NPS from any desk; the reports themselves only for a role with `reports`
    r = await sato.post(f"/customers/{ids[0]}/nps", json={"score": 9, "reason": "早い"})
    assert r.status_code == 201 and r.json()["score"] == 9
    assert (await sato.post(f"/customers/{ids[0]}/nps", json={"score": 11})).status_code == 422
    assert (await sato.get("/analysis/overview")).status_code == 403

    def strip_reports() -> None:
        role = Role.get(Role.name == "manager")
        granted = [p for p in json.loads(role.permissions) if p != "reports"]
        Role.update(permissions=json.dumps(granted)).where(Role.id == role.id).execute()

    office.store.executor.call(strip_reports)
    refused = await boss.get("/analysis/overview")
    assert refused.status_code == 403 and "reports" in refused.json()["detail"]
