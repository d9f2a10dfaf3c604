"""The demo shop's menu: a sushi and bento delivery shop in Bunkyo, with options and a drink
taxed at the standard rate (db thread; made once)."""

from __future__ import annotations

from appliance.core import menu
from appliance.core.actor import Actor
from appliance.core.settings import get_setting, put_settings
from appliance.db.models import Product

SHOP_NAME = "寿司・弁当 まつもと"
# category -> (name, reading, price, tax class, options as (name, price change))
MENU: dict[str, tuple[tuple[str, str, int, str, tuple[tuple[str, int], ...]], ...]] = {
    "にぎり": (
        ("特上にぎり", "とくじょうにぎり", 2800, "reduced", (("わさび抜き", 0), ("シャリ小", 0))),
        ("上にぎり", "じょうにぎり", 2000, "reduced", (("わさび抜き", 0),)),
        ("並にぎり", "なみにぎり", 1500, "reduced", (("わさび抜き", 0),)),
    ),
    "セット・弁当": (
        ("ファミリーセット", "ふぁみりーせっと", 4200, "reduced", (("玉子追加", 300),)),
        ("会議用弁当", "かいぎようべんとう", 980, "reduced", (("ご飯大盛り", 100),)),
        ("Vegetable tempura set", "べじたぶるてんぷら", 1800, "reduced", ()),
    ),
    "一品・飲み物": (
        ("茶碗蒸し", "ちゃわんむし", 450, "reduced", ()),
        ("緑茶", "りょくちゃ", 150, "reduced", ()),
        ("瓶ビール", "びんびーる", 700, "standard", ()),
    ),
}


def add_menu(actor: Actor) -> dict[str, int]:
    """The menu (once) and the shop's name; product ids by name."""
    if not get_setting("shop.name"):
        put_settings(actor, {"shop.name": SHOP_NAME})
    if Product.live().count() == 0:
        for category, products in MENU.items():
            cat = menu.create_category(actor, category)
            for name, reading, price, tax_class, options in products:
                product = menu.create_product(
                    actor, name, price, reading=reading, category_id=cat.id, tax_class=tax_class
                )
                for option, delta in options:
                    menu.add_option(actor, product.id, option, price_delta=delta)
    return {str(p.name): int(p.id) for p in Product.live()}
