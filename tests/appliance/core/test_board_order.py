"""The callback board: the operator's own callbacks first, then overdue ones, each by due
time — not oldest first."""

from __future__ import annotations

from datetime import timedelta

from faker import Faker

from appliance.core.actor import Actor
from appliance.core.tasks import create_task
from appliance.core.usecases.tasks import find
from appliance.core.users import create_user
from appliance.db.models import utcnow
from appliance.db.store import Store

SYSTEM = Actor.system("test")
fake = Faker("ja_JP")
Faker.seed(1830)


def _board() -> tuple[int, dict[str, int]]:
    me = int(create_user(SYSTEM, "yamada", display_name="山田").id)
    other = int(create_user(SYSTEM, "kato", display_name="加藤").id)
    now = utcnow()

    def task(reason: str, due: timedelta | None, assignee: int | None = None) -> int:
        at = now + due if due is not None else None
        return int(create_task(SYSTEM, reason, due_at=at, assignee_id=assignee).id)

    ids = {
        "old_missed": task("不在着信 " + fake.phone_number(), -timedelta(hours=3)),
        "missed": task("不在着信 " + fake.phone_number(), -timedelta(minutes=20)),
        "kato_later": task("見積もりの件", timedelta(hours=1), other),
        "my_1830": task("18:30 お届け時間の確認", timedelta(minutes=30), me),
        "my_overdue": task("領収書の宛名", -timedelta(minutes=5), me),
        "undated": task("名刺の整理", None),
    }
    return me, ids


def test_mine_first_then_overdue_then_the_rest_by_due_time(store: Store) -> None:
    me, ids = store.executor.call(_board)
    board = [t.id for t in store.executor.call(find, None, True, "callback", 50, me)]
    order = ["my_overdue", "my_1830", "old_missed", "missed", "kato_later", "undated"]
    assert board == [ids[k] for k in order]
    anyone = [t.id for t in store.executor.call(find, None, True, "callback", 50)]
    assert anyone[:2] == [ids["old_missed"], ids["missed"]]  # no one's own: overdue first
