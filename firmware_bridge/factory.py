"""make_driver: a LineDriver for one configured line of kind nd-adapter, whozz, ncid or linecard."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drivers.base import LineDriver

KINDS = ("nd-adapter", "whozz", "ncid", "linecard")


def _int(options: Mapping[str, Any], key: str, default: int) -> int:
    value = options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"option {key} must be a whole number, not {value!r}")
    return value


def make_driver(
    kind: str, name: str, device: str | None = None, options: Mapping[str, Any] | None = None
) -> LineDriver:
    """Build the driver for `kind`; raises ValueError naming the missing or wrong setting.

    nd-adapter: device = serial port; form = "adapter" (default) or "isdn-ta"; baudrate (9600).
    whozz:      device = serial port for a serial unit, else UDP listen host/port (3520);
                line_names = {"<unit>/<line>": "name"} (others are named wc<unit>-<line>).
    ncid:       host (127.0.0.1), port (3333), line_prefix (the line's name and '-').
    linecard:   device = serial port; primary_response (true), answer_delay_ms (1000).
    """
    opts = dict(options or {})
    retry = float(opts.get("retry_s", 2.0))
    if kind == "nd-adapter":
        from firmware_bridge.nd.driver import IsdnTaDriver, NdAdapterDriver

        if not device:
            raise ValueError(f"line {name}: nd-adapter needs device = the serial port")
        form = opts.get("form", "adapter")
        if form not in ("adapter", "isdn-ta"):
            raise ValueError(f"line {name}: form must be 'adapter' or 'isdn-ta', not {form!r}")
        cls = NdAdapterDriver if form == "adapter" else IsdnTaDriver
        nd = cls(name, device, name, retry_s=retry)
        nd.baudrate = _int(opts, "baudrate", 9600)
        return nd
    if kind == "whozz":
        from firmware_bridge.whozz.driver import WhozzSerialDriver, WhozzUdpDriver
        from firmware_bridge.whozz.translate import WhozzTranslator, default_line_name

        names = opts.get("line_names", {})
        if not isinstance(names, dict):
            raise ValueError(f'line {name}: line_names must be a table of "unit/line" = name')

        def line_name(unit: int, line: int) -> str:
            return str(names.get(f"{unit}/{line}", default_line_name(unit, line)))

        if device:
            driver = WhozzSerialDriver(name, device, name, retry_s=retry)
            driver.parser.translator = WhozzTranslator(line_name)
            return driver
        host = str(opts.get("host", "0.0.0.0"))
        port = _int(opts, "port", 3520)
        return WhozzUdpDriver(name, host, port, WhozzTranslator(line_name), retry_s=retry)
    if kind == "ncid":
        from firmware_bridge.ncid.driver import NcidDriver

        # each configured source names its lines apart: two servers' LINE 1 are two lines
        return NcidDriver(
            name,
            str(opts.get("host", "127.0.0.1")),
            _int(opts, "port", 3333),
            retry_s=retry,
            line_prefix=str(opts.get("line_prefix", f"{name}-")),
        )
    if kind == "linecard":
        from firmware_bridge.linecard.driver import LineCardDriver

        if not device:
            raise ValueError(f"line {name}: linecard needs device = the card's serial port")
        delay = _int(opts, "answer_delay_ms", 1000)
        if not 0 <= delay < 6000:
            raise ValueError(f"line {name}: answer_delay_ms must be 0–5999 (CAR lasts 6 s)")
        return LineCardDriver(
            name,
            device,
            name,
            primary_response=bool(opts.get("primary_response", True)),
            answer_delay_ms=delay,
            retry_s=retry,
        )
    raise ValueError(f"line {name}: {kind!r} is not a firmware_bridge kind {KINDS}")
