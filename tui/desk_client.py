"""The box client of a real desk: DeskApi whose password logins open this desk's replica."""

from __future__ import annotations

from tui.client.desk_api import DeskApi
from tui.client.keystore import Keystore
from tui.replica.keys import ReplicaKeys


def desk_client(keystore: Keystore, *, remember: bool = True) -> DeskApi:
    """DeskApi for the box pinned in `keystore`, with this desk's replica keys (a ClientFactory)."""
    return DeskApi(keystore, remember=remember, replica_keys=ReplicaKeys(keystore))
