"""SVG snapshots (second to the state assertions): the pop card in Japanese, wide characters."""

from __future__ import annotations

import datetime as dt
import re

from pytest_textual_snapshot import SVGImageExtension  # type: ignore[import-untyped]
from syrupy.assertion import SnapshotAssertion

from appliance.contract import PopCustomerOut, PopNoteOut, PopOrderOut, PopOut
from tests.tui.conftest import Box, desk_app, screen_text, until
from tui.client.keystore import Keystore
from tui.dialogs.pop import PopDialog

AT = dt.datetime(2026, 11, 20, 3, 15, tzinfo=dt.UTC)


async def test_pop_card_snapshot(box: Box, keystore: Keystore, snapshot: SnapshotAssertion) -> None:
    pop = PopOut(
        call_id=501,
        line="1",
        at=AT,
        number="+81335551234",
        number_display="03-3555-1234",
        customers=[
            PopCustomerOut(
                customer_id=1,
                display_name="佐藤 花子",
                reading="さとう はなこ",
                company="寿司處 さとう",
                address="東京都新宿区西新宿 2-8-1",
                delivery_notes="裏口のインターホン、犬に注意",
                vip=True,
                caution=True,
                call_count=42,
                pinned_notes=[
                    PopNoteOut(body="ワサビ抜き。支払いは月末まとめて", author="田中", at=AT)
                ],
                last_orders=[
                    PopOrderOut(
                        order_id=9, at=AT, total=6400, status="delivered", items=["特上寿司 ×2"]
                    )
                ],
            )
        ],
    )
    async with desk_app(box, keystore, size=(110, 36)) as (app, pilot):
        box.publish("pop", pop.model_dump(mode="json"))
        await until(lambda: isinstance(app.screen, PopDialog))
        await until(lambda: "ワサビ抜き" in screen_text(app))
        text = screen_text(app)
        assert "VIP" in text and "要注意" in text and "犬に注意" in text and "¥6,400" in text
        # the seeded call log behind the pop is dated relative to today: keep it out
        await until(lambda: "カードを開く" in screen_text(app))  # the key hints are drawn
        await pilot.pause(0.2)
        svg = app.export_screenshot()
    assert snapshot.use_extension(SVGImageExtension) == _stable(svg, box.port)


def _stable(svg: str, port: int) -> str:
    """Nothing that changes between runs (the box's port, the id prefix) in the picture."""
    return re.sub(r"terminal-\d+", "terminal-pop", svg.replace(str(port), "PORT"))
