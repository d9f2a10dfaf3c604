"""The menu over real TLS: a manager builds it, an operator reads it and switches sold out."""

from __future__ import annotations

from routes_office import KITCHEN, RECEPTION, Office

from appliance.contract import MenuOut, ProductOut, StaleOut


async def test_manager_builds_the_menu_operator_uses_it(office: Office) -> None:
    boss = office.client(RECEPTION, await office.login(RECEPTION, "suzuki"))
    sato = office.client(KITCHEN, await office.login(KITCHEN, "sato"))
    r = await boss.post("/categories", json={"name": "丼物", "reading": "どんもの"})
    assert r.status_code == 201, r.text
    don = r.json()["id"]
    r = await boss.post(
        "/products", json={"name": "親子丼", "unit_price": 950, "category_id": don, "sku": "D-1"}
    )
    assert r.status_code == 201, r.text
    oyako = ProductOut.model_validate(r.json())
    r = await boss.post(
        f"/products/{oyako.id}/options", json={"name": "大盛り", "price_delta": 150}
    )
    assert r.status_code == 201 and r.json()["price_delta"] == 150
    await boss.post(
        "/products", json={"name": "生ビール", "unit_price": 600, "tax_class": "standard"}
    )
    menu = MenuOut.model_validate((await sato.get("/menu")).json())
    assert [(p.name, p.tax_class, [o.name for o in p.options]) for p in menu.products] == [
        ("親子丼", "reduced", ["大盛り"]),
        ("生ビール", "standard", []),
    ]
    assert menu.prices_include_tax and menu.tax_scheme == "jp"
    # an operator may not change the menu, but may mark a dish sold out
    denied = await sato.post("/products", json={"name": "カツ丼", "unit_price": 1000})
    assert denied.status_code == 403
    r = await sato.put(f"/products/{oyako.id}/sold_out", json={"version": 1, "sold_out": True})
    assert r.status_code == 200 and r.json()["sold_out"] is True
    stale = await boss.patch(f"/products/{oyako.id}", json={"version": 1, "unit_price": 980})
    assert stale.status_code == 409
    assert ProductOut.model_validate(StaleOut.model_validate(stale.json()).current).sold_out
    r = await boss.patch(f"/products/{oyako.id}", json={"version": 2, "unit_price": 980})
    assert r.json()["unit_price"] == 980
    # /products is the same menu, in menu order
    assert [p["name"] for p in (await sato.get("/products")).json()] == ["親子丼", "生ビール"]
    bad = await boss.post("/products", json={"name": "餃子", "unit_price": -5})
    assert bad.status_code == 422
    missing = await boss.post(
        "/products", json={"name": "餃子", "unit_price": 400, "category_id": 999}
    )
    assert missing.status_code == 404
    gone = await boss.delete(f"/products/{oyako.id}", params={"version": 3})
    assert gone.status_code == 200
    assert [p["name"] for p in (await sato.get("/menu")).json()["products"]] == ["生ビール"]
