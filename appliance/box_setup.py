"""What the box makes at start from its data directory and configuration: its TLS identity,
its line drivers, the key-file unlock, the NCID server, the backup schedule and its zeroconf
advertisement."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from appliance.backup_schedule import BackupSchedule
from appliance.box_health import Warning, warning
from appliance.config import BoxConfig
from appliance.contract.identity import Identity, make_identity
from appliance.core.calls.listing import list_calls
from appliance.discovery import Advertiser, BoxAd
from appliance.lines import make_line_driver
from appliance.ncid import NcidConfig, NcidServer, call_log_line
from appliance.vault.errors import VaultError
from appliance.vault.session import VaultSession
from drivers.base import LineDriver

log = logging.getLogger(__name__)
NO_VAULT = (
    "{}: 箱が初期化されていません。`ringdesk init` を実行してください"
    " / this box has no vault yet: run `ringdesk init` first"
)


def box_identity(data_dir: Path) -> Identity:
    """The box's TLS identity, made on first start and kept in the data directory.

    The certificate names no office (names may be Japanese; DNS names may not): the pin is
    the certificate itself."""
    cert, key = data_dir / "box-cert.pem", data_dir / "box-key.pem"
    if cert.exists() and key.exists():
        return Identity.load(cert, key)
    names = ["ringdesk-box", "localhost", "127.0.0.1"]
    identity = make_identity("ringdesk-box", server_names=names)
    identity.save(cert, key)
    return identity


def announce_on(host: str) -> tuple[str, list[str]]:
    """The address to announce and the interfaces to announce on, for a box serving `host`.

    A box on every interface (0.0.0.0) announces its first LAN address, on all of them."""
    if host not in ("0.0.0.0", ""):
        return host, [host]
    import ifaddr

    lan = [
        str(ip.ip)
        for adapter in ifaddr.get_adapters()
        for ip in adapter.ips
        if isinstance(ip.ip, str) and not ip.ip.startswith("127.")
    ]
    return (lan[0] if lan else "127.0.0.1"), ["0.0.0.0"]


async def unlock_by_keyfile(session: VaultSession, data_dir: Path) -> None:
    """Open the vault with a remembered key file if one is present; else it stays locked
    (VaultError when the data directory has no vault at all)."""
    vault = session.vault
    if not vault.exists():
        raise VaultError(NO_VAULT.format(data_dir))
    present = await asyncio.to_thread(vault.remembered_keyfiles)
    if not present:
        log.info("no key file present: the box starts locked (unlock from a paired desk)")
        return
    try:
        await session.unlock_with_keyfile(present[0])
    except VaultError as exc:
        log.warning("key file did not unlock the box: %s", exc)


def ncid_server(config: BoxConfig, host: str) -> NcidServer | None:
    """The NCID-compatible output when ringdesk.toml enables it."""
    if not config.ncid_enabled:
        return None
    cfg = NcidConfig(enabled=True, host=host, port=config.ncid_port, allow=list(config.ncid_allow))
    return NcidServer(cfg)


async def ncid_call_log(server: NcidServer, session: VaultSession, unlocked: bool = False) -> None:
    """Replay the stored calls to NCID clients after a restart (nothing while locked).

    `unlocked`: the box was just unlocked, and the store now holds the calls taken while it
    was locked, so they replace the live lines kept for them."""
    store = session.store
    if store is None or not server.config.replay:
        return
    mark = server.log_mark()
    calls = await store.executor.run(list_calls, limit=server.config.log_size)
    lines = [call_log_line(c) for c in reversed(calls)]
    server.load_log(lines, since=mark if unlocked else None)


def backup_schedule(
    config: BoxConfig, session: VaultSession, warn: Callable[[str, Warning | None], None]
) -> BackupSchedule | None:
    """The backup schedule when a target is configured and the box is unlocked (not started)."""
    target, store = config.backup_target, session.store
    if target is None or store is None:
        return None
    folder = Path(target)
    if folder.resolve().is_relative_to(session.vault.data_dir.resolve()):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # never a stick's mount point
    return BackupSchedule(
        session.unlocked,
        store,
        folder,
        interval_s=config.backup_interval_s,
        first_delay_s=config.backup_first_delay_s,
        require_mount=config.backup_require_mount,
        on_warning=lambda code, values: warn("backup", warning(code, **values)),
        on_backup=lambda _info: warn("backup", None),
    )


def advertiser(config: BoxConfig, host: str, port: int, box: Identity, locked: bool) -> Advertiser:
    """The zeroconf advertisement of a box serving `host`:`port` (not started)."""
    address, interfaces = announce_on(host)
    ad = BoxAd(config.name, address, port, box.fingerprint, locked)
    return Advertiser(ad, interfaces=interfaces)


def line_drivers(
    config: BoxConfig, given: list[LineDriver] | None
) -> list[tuple[LineDriver, list[str]]]:
    """Each line's driver with the line names it serves: the given drivers (tests, the demo)
    replace the configured lines."""
    if given is not None:
        return [(d, [getattr(d, "line", d.name)]) for d in given]
    return [(make_line_driver(c, config.region), [c.name]) for c in config.lines]
