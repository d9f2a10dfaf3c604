"""Where an order may go on the board: 受付 → 調理中 → 配達中 → 完了, or キャンセル (pure).

A move goes one step forward, or one step back to undo a slip of the hand; a pick-up or eat-in
order has no 配達中 and goes from 調理中 to 完了. Any open order can be cancelled; 完了 and
キャンセル are final except that 完了 can be taken back one step."""

from __future__ import annotations

from appliance.core.errors import Conflict, InvalidInput

FLOW = ("received", "cooking", "delivering", "done")
FINAL = ("done", "cancelled")
ALL = (*FLOW, "cancelled")


def steps(service: str) -> tuple[str, ...]:
    """The board's columns an order of this service passes through."""
    return FLOW if service == "delivery" else ("received", "cooking", "done")


def next_status(status: str, service: str) -> str | None:
    """The status one step forward, or None at the end."""
    flow = steps(service)
    if status not in flow or status == flow[-1]:
        return None
    return flow[flow.index(status) + 1]


def check_move(current: str, wanted: str, service: str) -> None:
    """Refuse a move the board does not allow (Conflict), or an unknown status (InvalidInput)."""
    if wanted not in ALL:
        raise InvalidInput(f"状態が不正です / status must be one of {ALL}")
    if wanted == current:
        return
    if current == "cancelled":
        raise Conflict("取消済みの注文です / the order was cancelled")
    if wanted == "cancelled":
        if current == "done":
            raise Conflict("完了した注文は取り消せません / a done order cannot be cancelled")
        return
    flow = steps(service)
    if wanted not in flow or current not in flow:
        raise Conflict(f"この注文は {wanted} になりません / this order has no {wanted} step")
    if abs(flow.index(wanted) - flow.index(current)) != 1:
        raise Conflict(
            f"{current} から {wanted} へは移れません / {current} cannot move to {wanted} "
            "(one step at a time)"
        )
