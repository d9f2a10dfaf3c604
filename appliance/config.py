"""The box's configuration: one TOML file (ringdesk.toml in the data directory)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path
from typing import Any

from drivers.base import RING_TIMEOUT_S

# drivers whose device sees a handset lifted and put down anywhere on the line
HOOK_EVENT_DRIVERS = frozenset({"simulated", "whozz", "linecard", "ncid"})
MISSED_AFTER_RINGS = 4  # answering within three rings is the office norm in Japan
CALL_TIMEOUT_S = 3600.0

CONFIG_NAME = "ringdesk.toml"
DEFAULT_BACKUP = "backups"  # a folder in the data directory, unless [backup] target says where


class ConfigError(ValueError):
    """The configuration file is unreadable or has a wrong value (message says which)."""


@dataclass(frozen=True)
class LineConfig:
    """One line source: its name, driver kind and driver-specific options."""

    name: str
    driver: str
    device: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    ring_timeout_s: float = RING_TIMEOUT_S  # no ring for this long: the ringing has stopped
    # the line reports off-hook / on-hook; None: as its driver can (HOOK_EVENT_DRIVERS)
    hook_events_set: bool | None = None
    # without hook events: ringing that stops after fewer rings, unclaimed, was answered
    missed_after_rings: int = MISSED_AFTER_RINGS
    call_timeout_s: float = CALL_TIMEOUT_S  # an answered call with no end reported is closed

    @property
    def hook_events(self) -> bool:
        """True when the line tells a handset lifted (answered) and put down (ended)."""
        if self.hook_events_set is not None:
            return self.hook_events_set
        return self.driver in HOOK_EVENT_DRIVERS


PRINTER_ROLES = ("kitchen", "delivery", "all")
PAPER_WIDTHS = (58, 80)


@dataclass(frozen=True)
class PrinterConfig:
    """One ESC/POS receipt printer: on the network (host, TCP 9100), USB (vendor:product) or a
    serial port (device); which slips it prints (role) and its paper."""

    name: str
    role: str = "all"  # kitchen | delivery | all
    host: str | None = None
    port: int = 9100
    usb: tuple[int, int] | None = None  # vendor id, product id
    device: str | None = None
    baudrate: int = 38400
    paper_mm: int = 80
    kanji: bool = False  # print text in the printer's own kanji mode instead of an image
    status: bool = True  # the printer answers status queries (DLE EOT, GS r)
    timeout_s: float = 10.0
    retry_s: float = 2.0  # a job that did not print is tried again after this, doubling
    retry_max_s: float = 30.0  # ...up to this
    check_every_s: float = 60.0  # an idle printer's status is asked this often

    @property
    def connection(self) -> str:
        """network, usb or serial."""
        return "network" if self.host else "usb" if self.usb else "serial"

    def prints(self, kind: str) -> bool:
        """True when slips of `kind` (kitchen, delivery) go to this printer."""
        return self.role in (kind, "all")


@dataclass(frozen=True)
class BoxConfig:
    """Everything the box reads at start-up."""

    name: str = "Ringdesk"
    region: str = "JP"
    language: str = "ja"
    lines: tuple[LineConfig, ...] = (LineConfig("line1", "simulated"),)
    open_at: time = time(9, 0)
    close_at: time = time(21, 0)
    api_port: int = 8443
    api_limits: dict[str, float] = field(default_factory=dict)  # [api] deadlines and caps
    ncid_enabled: bool = False
    ncid_port: int = 3333
    ncid_allow: tuple[str, ...] = ("127.0.0.1/32",)
    backup_target: str | None = None
    backup_interval_s: float = 900.0
    backup_require_mount: bool = True
    backup_first_delay_s: float = 60.0
    printers: tuple[PrinterConfig, ...] = ()

    def is_open(self, at: time) -> bool:
        """True during business hours (a close before open wraps past midnight)."""
        if self.open_at <= self.close_at:
            return self.open_at <= at < self.close_at
        return at >= self.open_at or at < self.close_at

    def line(self, name: str) -> LineConfig | None:
        """The configured line called `name`, if any."""
        return next((c for c in self.lines if c.name == name), None)

    def with_ring_timeout(self, seconds: float) -> BoxConfig:
        """This configuration with every line's ring timeout set to `seconds`."""
        return replace(self, lines=tuple(replace(c, ring_timeout_s=seconds) for c in self.lines))


API_LIMITS = (
    "handshake_timeout_s",
    "header_timeout_s",
    "body_timeout_s",
    "unauthenticated_per_host",
    "queued_per_host",
)
DRIVERS = {"simulated", "modem", "soundcard", "nd-adapter", "whozz", "ncid", "linecard"}


def load_config(data_dir: Path) -> BoxConfig:
    """Read DIR/ringdesk.toml, writing the commented default (a simulated line) if there is none."""
    path = data_dir / CONFIG_NAME
    if not path.exists():
        from appliance.config_template import config_text

        path.write_text(config_text([]), encoding="utf-8")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
    return parse_config(raw, str(path), data_dir)


def parse_config(
    raw: dict[str, Any], where: str = "config", data_dir: Path | None = None
) -> BoxConfig:
    """Validate a parsed TOML document into a BoxConfig (a relative backup target is a folder
    in `data_dir`)."""
    lines = []
    names: set[str] = set()
    for i, entry in enumerate(raw.get("lines", [{"name": "line1", "driver": "simulated"}]), 1):
        name = str(entry.get("name", f"line{i}"))
        driver = str(entry.get("driver", ""))
        if driver not in DRIVERS:
            raise ConfigError(
                f"{where}: lines[{i}] driver {driver!r} is not one of {sorted(DRIVERS)}"
            )
        if name in names:
            raise ConfigError(f"{where}: line name {name!r} is used twice")
        names.add(name)
        own = ("name", "driver", "device", "ring_timeout_s", *CALL_RULES)
        options = {k: v for k, v in entry.items() if k not in own}
        timeout = _ring_timeout(entry.get("ring_timeout_s", RING_TIMEOUT_S), where, name)
        line = LineConfig(name, driver, entry.get("device"), options, timeout)
        lines.append(_with_rules(line, entry, where))
    hours = raw.get("business_hours", {})
    api = raw.get("api", {})
    ncid = raw.get("ncid", {})
    backup = raw.get("backup", {})
    try:
        return BoxConfig(
            name=str(raw.get("name", "Ringdesk")),
            region=str(raw.get("region", "JP")).upper(),
            language=str(raw.get("language", "ja")),
            lines=tuple(lines),
            open_at=time.fromisoformat(str(hours.get("open", "09:00"))),
            close_at=time.fromisoformat(str(hours.get("close", "21:00"))),
            api_port=int(api.get("port", 8443)),
            api_limits={k: float(v) for k, v in api.items() if k in API_LIMITS},
            ncid_enabled=bool(ncid.get("enabled", False)),
            ncid_port=int(ncid.get("port", 3333)),
            ncid_allow=tuple(str(a) for a in ncid.get("allow", ["127.0.0.1/32"])),
            backup_target=_backup_target(backup, data_dir),
            backup_interval_s=60.0 * float(backup.get("interval_min", 15)),
            backup_require_mount=bool(backup.get("require_mount", False)),
            backup_first_delay_s=float(backup.get("first_delay_s", 60.0)),
            printers=_printers(raw.get("printers", []), where),
        )
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {exc}") from exc


CALL_RULES = ("hook_events", "missed_after_rings", "call_timeout_s")


def _with_rules(line: LineConfig, entry: dict[str, Any], where: str) -> LineConfig:
    """The line with its own call rules (hook events, rings to a missed call, call timeout)."""
    hook = entry.get("hook_events")
    rings = entry.get("missed_after_rings", MISSED_AFTER_RINGS)
    limit = entry.get("call_timeout_s", CALL_TIMEOUT_S)
    if hook is not None and not isinstance(hook, bool):
        raise ConfigError(f"{where}: line {line.name}: hook_events must be true or false")
    if isinstance(rings, bool) or not isinstance(rings, int) or not 1 <= rings <= 30:
        raise ConfigError(f"{where}: line {line.name}: missed_after_rings must be 1-30")
    if isinstance(limit, bool) or not isinstance(limit, int | float) or not 60 <= limit <= 86400:
        raise ConfigError(f"{where}: line {line.name}: call_timeout_s must be 60-86400 seconds")
    return replace(
        line, hook_events_set=hook, missed_after_rings=rings, call_timeout_s=float(limit)
    )


def _printers(entries: list[dict[str, Any]], where: str) -> tuple[PrinterConfig, ...]:
    printers = tuple(_printer(entry, i, where) for i, entry in enumerate(entries, 1))
    names = [p.name for p in printers]
    if len(set(names)) != len(names):
        raise ConfigError(f"{where}: two printers have the same name ({names})")
    return printers


def _printer(entry: dict[str, Any], i: int, where: str) -> PrinterConfig:
    """One [[printers]] entry: exactly one of host, usb, device says how it is reached."""
    name = str(entry.get("name", f"printer{i}"))
    at = f"{where}: printer {name}"
    ways = [k for k in ("host", "usb", "device") if entry.get(k)]
    if len(ways) != 1:
        raise ConfigError(f"{at}: give exactly one of host, usb, device (not {ways or 'none'})")
    role = str(entry.get("role", "all"))
    if role not in PRINTER_ROLES:
        raise ConfigError(f"{at}: role must be one of {PRINTER_ROLES}, not {role!r}")
    paper = entry.get("paper_mm", 80)
    if paper not in PAPER_WIDTHS:
        raise ConfigError(f"{at}: paper_mm must be 58 or 80, not {paper!r}")
    usb = None
    if entry.get("usb"):
        vendor, _, product = str(entry["usb"]).partition(":")
        try:
            usb = (int(vendor, 16), int(product, 16))
        except ValueError:
            raise ConfigError(f"{at}: usb must be vendor:product in hex, e.g. 04b8:0202") from None
    return PrinterConfig(
        name=name,
        role=role,
        host=str(entry["host"]) if entry.get("host") else None,
        port=int(entry.get("port", 9100)),
        usb=usb,
        device=str(entry["device"]) if entry.get("device") else None,
        baudrate=int(entry.get("baudrate", 38400)),
        paper_mm=int(paper),
        kanji=bool(entry.get("kanji", False)),
        status=bool(entry.get("status", True)),
        timeout_s=_seconds(entry, "timeout_s", 10.0, at),
        retry_s=_seconds(entry, "retry_s", 2.0, at),
        retry_max_s=_seconds(entry, "retry_max_s", 30.0, at),
        check_every_s=_seconds(entry, "check_every_s", 60.0, at),
    )


def _seconds(entry: dict[str, Any], name: str, default: float, at: str) -> float:
    value = entry.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 3600:
        raise ConfigError(f"{at}: {name} must be seconds (0-3600], not {value!r}")
    return float(value)


def _backup_target(backup: dict[str, Any], data_dir: Path | None) -> str | None:
    """Where scheduled backups go: on by default, to DATA/backups; None when switched off."""
    if not backup.get("enabled", True) or backup.get("target", DEFAULT_BACKUP) == "":
        return None
    target = Path(str(backup.get("target", DEFAULT_BACKUP)))
    if not target.is_absolute() and data_dir is not None:
        target = data_dir / target
    return str(target)


def _ring_timeout(value: Any, where: str, line: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 60:
        raise ConfigError(
            f"{where}: line {line}: ring_timeout_s must be seconds (0-60], not {value!r}"
        )
    return float(value)
