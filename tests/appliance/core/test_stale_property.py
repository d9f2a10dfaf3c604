"""Property: desks editing from whatever version they last saw never overwrite silently."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from appliance.core import customers
from appliance.core.actor import Actor
from appliance.core.errors import StaleEdit
from appliance.db.store import Store

# Each step: which desk (0-2) edits, and whether it first reloads the row.
steps = st.lists(st.tuples(st.integers(0, 2), st.booleans()), min_size=1, max_size=12)


@settings(max_examples=15, deadline=None)
@given(steps=steps)
def test_every_write_is_either_applied_or_refused_with_the_truth(
    steps: list[tuple[int, bool]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "box.db", os.urandom(32), create=True)
        try:
            c = customers.create_customer(Actor.system(), "山田 太郎")
            seen = [1, 1, 1]  # the version each desk's screen shows
            applied: list[str] = []
            for n, (desk, reload) in enumerate(steps):
                if reload:
                    seen[desk] = customers.get_customer(c.id).version
                title = f"desk{desk}-{n}"
                try:
                    row = customers.update_customer(
                        Actor(None, desk, f"desk{desk}"), c.id, seen[desk], title=title
                    )
                except StaleEdit as err:
                    now = customers.get_customer(c.id)
                    assert err.current["version"] == now.version
                    assert err.current["title"] == now.title
                    seen[desk] = now.version  # the desk is shown the current row
                    continue
                applied.append(title)
                seen[desk] = row.version
            final = customers.get_customer(c.id)
            assert final.version == 1 + len(applied)
            assert final.title == (applied[-1] if applied else "")
        finally:
            store.close()
