"""The access log over real TLS: opening a card is logged once per look (who, when, which desk),
an admin reads who looked at and changed a customer and what a user changed (field names, never
values), the chain verifies, and a tampered row is named."""

from __future__ import annotations

from routes_office import KITCHEN, RECEPTION, Office

from appliance.contract.access_log import AccessEntryOut, ChainOut
from appliance.db.models import AuditLog


async def test_who_looked_and_who_changed(office: Office) -> None:
    boss = office.client(RECEPTION, await office.login(RECEPTION, "tanaka"))
    op = office.client(KITCHEN, await office.login(KITCHEN, "sato"))
    r = await boss.post(
        "/customers", json={"display_name": "小林 美咲", "income_band": "秘密の年収"}
    )
    cid = int(r.json()["id"])
    card = (await op.get(f"/customers/{cid}")).json()
    await op.get(f"/customers/{cid}")  # a reload within minutes is the same look
    r = await op.patch(
        f"/customers/{cid}", json={"version": card["version"], "occupation": "保育士"}
    )
    assert r.status_code == 200
    got = [
        AccessEntryOut.model_validate(e)
        for e in (await boss.get(f"/customers/{cid}/access")).json()
    ]
    assert [(e.action, e.desk) for e in got] == [
        ("update", "厨房"),
        ("view", "厨房"),
        ("create", "受付"),
    ]
    assert got[0].fields == ["occupation"] and got[1].fields == []
    assert "保育士" not in (await boss.get(f"/customers/{cid}/access")).text  # names, not values
    users = {u["username"]: u["id"] for u in (await boss.get("/users")).json()}
    mine = [
        AccessEntryOut.model_validate(e)
        for e in (await boss.get(f"/users/{users['sato']}/changes")).json()
    ]
    assert [(e.entity, e.entity_id, e.action) for e in mine] == [("customer", cid, "update")]
    assert (await op.get(f"/customers/{cid}/access")).status_code == 403
    chain = ChainOut.model_validate((await boss.get("/audit/verify")).json())
    assert chain.ok and chain.checked > 3

    def tamper() -> None:
        row = (
            AuditLog.select().where(AuditLog.action == "update").order_by(AuditLog.id.desc()).get()
        )
        AuditLog.update(actor_name="誰か").where(AuditLog.id == row.id).execute()

    await office.store.executor.run(tamper)
    broken = ChainOut.model_validate((await boss.get("/audit/verify")).json())
    assert not broken.ok and broken.bad_id is not None and "hash" in broken.reason
