"""Every edit's 409 the API documents admits the plain problem too: a state that refuses a move (an
order already done, a cancelled one) answers without the stale row (found by the fuzz)."""

from __future__ import annotations

from appliance.api.server import create_app
from appliance.api.state import ApiState, BoxHooks
from appliance.contract.identity import make_identity

PROBLEM = "#/components/schemas/Problem"
STALE = "#/components/schemas/StaleOut"


async def _no_pairing(_name: str) -> bytes:
    raise AssertionError("not used")


def test_every_stale_409_admits_a_plain_problem_too() -> None:
    state = ApiState(
        box=make_identity("ringdesk-spec", server_names=["localhost"]), hooks=BoxHooks(_no_pairing)
    )
    spec = create_app(state).openapi()
    checked = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            answer = operation.get("responses", {}).get("409")
            if answer is None:
                continue
            schema = answer["content"]["application/json"]["schema"]
            refs = [part.get("$ref") for part in schema.get("anyOf", [schema])]
            if STALE in refs:  # an edit: stale, or refused by the row's state
                assert PROBLEM in refs, (method, path, refs)
                checked.append((method, path))
    assert ("put", "/orders/{order_id}/status") in checked
