"""schemathesis against the box's OpenAPI, as each role logged in on a pinned desk: 0 server
errors and every answer as its schema says.

Examples are derandomized: a CI run that lands work must not fail on a draw that the run before
did not make; a wider, random search is a matter of running it with derandomize off.

The app runs in-process (ASGI transport) behind the same PinnedOnly middleware as over TLS; the
test client's address is mapped to a pinned desk's fingerprint, as the TLS layer would do.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Flaky
from schemathesis.checks import response_schema_conformance

from appliance.api import peers
from appliance.api.server import PinnedOnly, create_app
from appliance.api.state import ApiState, BoxHooks
from appliance.contract.identity import make_identity
from appliance.core import call_log, customers, menu, notes, orders, tasks
from appliance.core.access import desks, sessions
from appliance.core.access.passwords import hash_password
from appliance.core.actor import Actor
from appliance.core.users import create_user
from appliance.db.models import Desk, User, utcnow
from appliance.db.store import Store

BOX = make_identity("ringdesk-fuzz", server_names=["localhost", "127.0.0.1"])
DESK = make_identity("desk-fuzz")
PASSWORD = "fuzz-the-box-2026"
# Far from the small ids the fuzzer tries most, so it cannot revoke or re-password itself.
ADMIN_ID, DESK_ID = 7_340_019, 7_340_021
EXAMPLES = 8  # per operation: ~50 operations stay well under a minute on a shared machine
SLOW = {
    ("POST", "/login"),
    ("POST", "/users"),
    ("POST", "/password"),
    ("PATCH", "/users/{user_id}"),
}
SLOW_EXAMPLES = 3  # each of these hashes or checks an Argon2id password
ROLES = ("admin", "manager", "operator")
EXCLUDED = {("POST", "/logout")}  # ends the fuzzer's own session; tested in test_routes_admin


def _seed() -> None:
    actor = Actor(None, None, "fuzz")
    user = create_user(actor, "fuzzadmin", role="admin", password_hash=hash_password(PASSWORD))
    User.update(id=ADMIN_ID).where(User.id == user.id).execute()
    for offset, role in enumerate(("manager", "operator"), start=1):
        other = create_user(actor, f"fuzz{role}", role=role, password_hash=hash_password(PASSWORD))
        User.update(id=ADMIN_ID + offset * 2).where(User.id == other.id).execute()
    desk_id = desks.register_desk("fuzz desk", DESK.fingerprint, DESK.cert_pem)
    Desk.update(id=DESK_ID).where(Desk.id == desk_id).execute()
    ramen = menu.create_product(actor, "味噌ラーメン", 900)
    for i, name in enumerate(("山本 陽子", "Olivia Brown", "株式会社 青葉")):
        c = customers.create_customer(actor, name, phones=[f"03-5555-000{i}"])
        notes.add_note(actor, int(c.id), "配達は夕方", pinned=True)
        orders.place_order(actor, int(c.id), [orders.Line(qty=2, product_id=int(ramen.id))])
        tasks.create_task(actor, "折り返し", customer_id=int(c.id))
        call_log.create_call(
            actor, "1", number=f"03-5555-000{i}", started_at=dt.datetime(2026, 11, 1)
        )


@pytest.fixture(scope="module")
def fuzz_box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, dict[str, str]]]:
    """The app behind PinnedOnly and a bearer token for each role."""
    path: Path = tmp_path_factory.mktemp("fuzz") / "box.db"
    store = Store.open(path, os.urandom(32), create=True)
    store.executor.call(_seed)
    state = ApiState(box=BOX, hooks=BoxHooks(lambda _n: _never()), store=store)
    state.desks.pinned[DESK.fingerprint] = DESK_ID

    def log_in(role: str) -> tuple[str, Any]:  # the login route's three steps, on the db thread
        attempt = sessions.begin_login(f"fuzz{role}", utcnow())
        verdict = sessions.check_password(attempt, PASSWORD)
        return desks.finish_login_at_desk(attempt, verdict, utcnow(), DESK_ID, state.sessions)

    tokens = {role: store.executor.call(log_in, role)[0] for role in ROLES}
    try:
        yield peers.WithPeer(PinnedOnly(create_app(state), state), DESK.fingerprint), tokens
    finally:
        store.close()


async def _never() -> bytes:
    raise AssertionError("the fuzzer cannot complete a pairing")


def _crash(answer: Any, case: Any) -> str | None:
    # 503 is the documented "box locked / no box control" answer, not a crash.
    if answer.status_code < 500 or answer.status_code == 503:
        return None
    return f"{answer.status_code} {answer.text[:300]} <- {case.as_curl_command()}"


@pytest.mark.parametrize("role", ROLES)
def test_no_server_errors(fuzz_box: tuple[Any, dict[str, str]], role: str) -> None:
    """Whatever is sent to any operation as any role: never a server error, always its schema."""
    app, tokens = fuzz_box
    token = tokens[role]
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    headers = {"Authorization": f"Bearer {token}"}
    failures: list[str] = []
    crashes: list[str] = []
    violations: set[str] = set()
    spent: dict[str, float] = {}
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) > 40
    for op in operations:
        name = (op.method.upper(), op.path)
        if name in EXCLUDED:
            continue

        @given(case=op.as_strategy())
        @settings(
            max_examples=SLOW_EXAMPLES if name in SLOW else EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,  # CI gates on it: the same examples every run (see the module doc)
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate],
        )
        def fuzz(case: Any) -> None:
            try:
                answer = case.call(headers=headers)
            except Exception as exc:  # the in-process app re-raises what it did not handle
                crashes.append(
                    f"{type(exc).__name__}: {str(exc)[:300]} <- {case.as_curl_command()}"
                )
                raise
            crash = _crash(answer, case)
            if crash is not None:
                crashes.append(crash)
            assert crash is None, crash
            try:
                case.validate_response(answer, checks=[response_schema_conformance])
            except Exception as exc:  # schemathesis raises a group of failures
                violations.add(f"{case.method} {case.path} {answer.status_code}: {str(exc)[:400]}")

        t0 = time.perf_counter()
        try:
            fuzz()
        except Flaky:
            pass  # schemathesis' generation is not always replayable; crashes are kept above
        except Exception as exc:
            inner = getattr(exc, "exceptions", [exc])
            failures.append(f"{' '.join(name)}: {exc} {inner!r}"[:1500])
        spent[" ".join(name)] = time.perf_counter() - t0
    print("slowest:", sorted(spent.items(), key=lambda kv: -kv[1])[:5])
    assert (failures, crashes, sorted(violations)) == ([], [], [])
