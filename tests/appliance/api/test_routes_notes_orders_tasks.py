"""Notes, products/orders and tasks/callbacks over real TLS."""

from __future__ import annotations

from routes_office import KITCHEN, RECEPTION, Office

from appliance.contract import NoteOut, OrderOut, StaleOut, TaskOut
from appliance.core.actor import Actor
from appliance.core.menu import create_product
from appliance.db.models import Product, User

SHOP = Actor(None, None, "店長")


async def test_notes_time_spent_pinning_and_stale_edit(office: Office) -> None:
    a = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    b = office.client(KITCHEN, await office.login(KITCHEN, "kato"))
    cid = (await a.post("/customers", json={"display_name": "佐々木 健"})).json()["id"]
    r = await a.post(f"/customers/{cid}/notes", json={"body": "玉ねぎ抜き", "time_spent_s": 45})
    assert r.status_code == 201
    note = NoteOut.model_validate(r.json())
    assert (note.author, note.time_spent_s, note.pinned) == ("sato", 45, False)
    r = await b.patch(f"/notes/{note.id}", json={"version": 1, "pinned": True})
    assert r.status_code == 200 and r.json()["pinned"] and r.json()["version"] == 2
    stale = await a.patch(f"/notes/{note.id}", json={"version": 1, "body": "ネギ抜き"})
    assert stale.status_code == 409
    assert NoteOut.model_validate(StaleOut.model_validate(stale.json()).current).pinned is True
    r = await a.patch(
        f"/notes/{note.id}", json={"version": 2, "body": "ネギ抜き", "add_time_s": 15}
    )
    assert (r.json()["body"], r.json()["time_spent_s"]) == ("ネギ抜き", 60)
    card = (await a.get(f"/customers/{cid}")).json()
    assert [n["body"] for n in card["pinned_notes"]] == ["ネギ抜き"]
    assert (await a.delete(f"/notes/{note.id}", params={"version": 3})).status_code == 200
    assert (await a.get(f"/customers/{cid}/notes")).json() == []
    assert (await a.post(f"/notes/{note.id}/restore")).json()["body"] == "ネギ抜き"
    empty = await a.post(f"/customers/{cid}/notes", json={"body": "   "})
    assert empty.status_code == 422 and "empty" in empty.json()["detail"]
    no_call = await a.post(f"/customers/{cid}/notes", json={"body": "x", "call_id": 424242})
    assert no_call.status_code == 404


async def test_order_totals_and_card(office: Office) -> None:
    ramen = await office.store.executor.run(create_product, SHOP, "醤油ラーメン", 850)
    gyoza = await office.store.executor.run(create_product, SHOP, "餃子", 400, sku="G-6")
    http = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    products = (await http.get("/products")).json()
    assert {p["name"]: p["unit_price"] for p in products} == {"醤油ラーメン": 850, "餃子": 400}
    cid = (await http.post("/customers", json={"display_name": "高橋 誠"})).json()["id"]
    body = {
        "items": [
            {"product_id": ramen.id, "qty": 2},
            {"product_id": gyoza.id},
            {"description": "大盛り", "unit_price": 100, "qty": 2},
        ]
    }
    r = await http.post(f"/customers/{cid}/orders", json=body)
    assert r.status_code == 201, r.text
    order = OrderOut.model_validate(r.json())
    assert [i.line_total for i in order.items] == [1700, 400, 200] and order.total == 2300
    assert order.currency == "JPY" and order.channel == "phone"
    card = (await http.get(f"/customers/{cid}")).json()
    assert [o["total"] for o in card["orders"]] == [2300]
    assert card["timeline"][0]["kind"] == "order"
    assert [o["id"] for o in (await http.get(f"/customers/{cid}/orders")).json()] == [order.id]
    bad = await http.post(f"/customers/{cid}/orders", json={"items": [{"qty": 1}]})
    assert bad.status_code == 422
    none = await http.post(f"/customers/{cid}/orders", json={"items": [{"product_id": 9999}]})
    assert none.status_code == 404
    assert (await http.post("/customers/9999/orders", json=body)).status_code == 404
    assert Product is not None


async def test_tasks_callbacks_and_board(office: Office) -> None:
    sato = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    kato_id = await office.store.executor.run(lambda: int(User.get(User.username == "kato").id))
    cid = (await sato.post("/customers", json={"display_name": "伊藤 美咲"})).json()["id"]
    r = await sato.post(
        "/tasks",
        json={
            "reason": "見積もりの件で折り返し",
            "customer_id": cid,
            "assignee_id": kato_id,
            "due_at": "2026-12-02T10:00:00+09:00",
        },
    )
    assert r.status_code == 201, r.text
    task = TaskOut.model_validate(r.json())
    assert (task.customer_name, task.assignee, task.state) == ("伊藤 美咲", "kato", "open")
    assert task.due_at is not None and task.due_at.hour == 1
    await sato.post("/tasks", json={"reason": "カタログ発送", "kind": "task"})
    board = (await sato.get("/callbacks")).json()
    assert [t["id"] for t in board] == [task.id]
    kato = office.client(KITCHEN, await office.login(KITCHEN, "kato"))
    mine = (await kato.get("/tasks", params={"mine": True})).json()
    assert [t["id"] for t in mine] == [task.id]
    assert [t["id"] for t in (await sato.get("/tasks", params={"assignee": kato_id})).json()] == [
        task.id
    ]
    card = (await sato.get(f"/customers/{cid}")).json()
    assert [t["id"] for t in card["open_tasks"]] == [task.id]
    done = await kato.patch(f"/tasks/{task.id}", json={"version": 1, "state": "done"})
    assert done.status_code == 200 and done.json()["state"] == "done"
    stale = await sato.patch(f"/tasks/{task.id}", json={"version": 1, "state": "cancelled"})
    assert stale.status_code == 409
    assert TaskOut.model_validate(stale.json()["current"]).state == "done"
    assert (await sato.get("/callbacks")).json() == []
    everything = (await sato.get("/tasks", params={"open": False})).json()
    assert {t["state"] for t in everything} == {"open", "done"}
    again = await sato.patch(
        f"/tasks/{task.id}", json={"version": 2, "state": "open", "due_at": "2026-12-03T09:00:00Z"}
    )
    assert again.json()["state"] == "open" and again.json()["due_at"] == "2026-12-03T09:00:00Z"
    ghost = await sato.post("/tasks", json={"reason": "x", "assignee_id": 777})
    assert ghost.status_code == 404


async def test_order_from_the_pop_to_the_board(office: Office) -> None:
    soba = await office.store.executor.run(create_product, SHOP, "天ざる", 1500)
    sato = office.client(RECEPTION, await office.login(RECEPTION, "sato"))
    kato = office.client(KITCHEN, await office.login(KITCHEN, "kato"))
    cid = (await sato.post("/customers", json={"display_name": "中村 陽子"})).json()["id"]
    r = await sato.post(
        f"/customers/{cid}/addresses",
        json={
            "postal_code": "160-0022",
            "prefecture": "東京都",
            "city": "新宿区新宿",
            "line1": "3-1",
        },
    )
    assert r.status_code == 201, r.text
    empty = (await sato.get(f"/customers/{cid}/order-draft")).json()
    assert empty["usual_order_id"] is None and len(empty["addresses"]) == 1
    body = {
        "items": [{"product_id": soba.id, "qty": 2, "remarks": "わさび抜き"}],
        "service": "delivery",
        "payment": "cash",
        "tendered": 5000,
        "address_id": empty["addresses"][0]["address_id"],
    }
    r = await sato.post(f"/customers/{cid}/orders", json=body)
    assert r.status_code == 201, r.text
    order = OrderOut.model_validate(r.json())
    assert (order.total, order.change, order.status, order.customer_name) == (
        3000,
        2000,
        "received",
        "中村 陽子",
    )
    assert order.address.startswith("〒160-0022") and order.taxes[0].tax == 222
    draft = (await kato.get(f"/customers/{cid}/order-draft")).json()
    assert draft["usual_order_id"] == order.id and draft["usual"][0]["qty"] == 2
    r = await kato.put(f"/orders/{order.id}/status", json={"version": 1, "status": "cooking"})
    assert r.status_code == 200 and r.json()["status"] == "cooking"
    stale = await sato.put(f"/orders/{order.id}/status", json={"version": 1, "status": "cancelled"})
    assert stale.status_code == 409
    jump = await sato.put(f"/orders/{order.id}/status", json={"version": 2, "status": "done"})
    assert jump.status_code == 409 and "one step" in jump.json()["detail"]
    kato_id = await office.store.executor.run(lambda: int(User.get(User.username == "kato").id))
    r = await sato.put(f"/orders/{order.id}/driver", json={"version": 2, "driver_id": kato_id})
    assert r.status_code == 200 and r.json()["driver"] == "kato"
    assert (await sato.get(f"/orders/{order.id}")).json()["driver_id"] == kato_id
