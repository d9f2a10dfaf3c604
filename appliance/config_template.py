"""The ringdesk.toml a new box starts from: every option present, the ones left at their
default commented out with what they do, and the lines found on this machine filled in."""

from __future__ import annotations

from appliance.line_detect import FoundDevice
from drivers.base import RING_TIMEOUT_S

HEAD = """\
# Ringdesk box configuration. A line starting with # is a comment: remove the # to set it.
# The box reads this file when it starts (ringdesk box); restart it after a change.

name = {name}              # shown to desks that find the box on the network
region = "{region}"             # numbers without a country code are read as this country's
language = "{language}"           # ja | en: the box's own messages
"""

SIMULATED = """
# No line device was found when this file was written, so the box runs on a SIMULATED line
# (it says so at every start). Plug in the modem, ND adapter or sound card, then replace this
# entry with one of the examples below.
[[lines]]
name = "line1"
driver = "simulated"
"""

MODEM = """
[[lines]]
name = "{name}"
driver = "modem"               # a voice modem: {label}
device = "{path}"
# chipset = "auto"             # auto | conexant | usr | ...: how to ask it for caller ID
"""

LINE_OPTIONS = """
# Options every [[lines]] entry takes:
# ring_timeout_s = {ring_timeout}          # no ring for this long: the ringing has stopped
# hook_events = true           # the line reports a handset lifted and put down (default: true
#                              # for simulated, whozz, linecard, ncid; false for modem,
#                              # soundcard, nd-adapter, which cannot see another phone answer)
# missed_after_rings = 4       # without hook events: ringing that stops after fewer rings with
#                              # no desk claim was answered on another phone; more: missed
# call_timeout_s = 3600        # an answered call whose end is never reported is closed after this
# record = false               # keep a sealed recording of calls on this line (sound card, modem)
# auto_answer_rings = 4        # out of hours: answer after this many rings with the message
# voicemail_rings = 6          # out of hours: take a voicemail after this many rings
# auto_hangup_blocked = false  # hang up on numbers marked 着信拒否 / blocked
"""

EXAMPLES = """
# Other line sources (copy one, remove the #s, give it its own name):
# [[lines]]
# name = "modem"
# driver = "modem"             # a voice modem (USB): caller ID, answering, recording
# device = "/dev/ttyACM*"
# chipset = "auto"             # auto | conexant | usr | ...: how to ask it for caller ID
#
# [[lines]]
# name = "line2"
# driver = "soundcard"         # caller ID decoded from audio on a USB sound card
# device = "{sound}"
# standard = "auto"            # auto | bell202 | v23 | etsi-dtmf | jclip
#
# [[lines]]
# name = "nd"
# driver = "nd-adapter"        # an NTT Number Display adapter (or form = "isdn-ta")
# device = "{serial}"
# form = "adapter"
# baudrate = 9600
#
# [[lines]]
# name = "whozz"
# driver = "whozz"             # a Whozz Calling unit: serial device, or UDP on port 3520
# device = "{serial}"
#
# [[lines]]
# name = "ncid"
# driver = "ncid"              # calls from an NCID server on the network
# host = "192.0.2.10"
# port = 3333
#
# [[lines]]
# name = "card"
# driver = "linecard"          # the Ringdesk line card
# device = "{serial}"
"""

FOUND_UNUSED = """
# Also found on this machine when this file was written (not used yet):
{found}
"""

REST = """
[business_hours]
open = "09:00"
close = "21:00"                # out of hours, lines may answer with a message (see above)

[backup]
# Sealed, encrypted backups on a schedule. "backups" is a folder in the data directory; a USB
# stick is safer (the box's own card can fail): set its mount point and require_mount = true.
enabled = true
target = "{backup}"
# interval_min = 15
# require_mount = false        # true: write only while the stick is mounted, warn otherwise

[api]
# port = 8443                  # desks connect here (TLS; only paired desks get further)
# handshake_timeout_s = 10     # TLS handshake deadline, seconds
# header_timeout_s = 10        # a request head must arrive within this
# body_timeout_s = 15          # longest silence while a request body arrives
# unauthenticated_per_host = 16  # connections of one host without a paired desk's certificate
# queued_per_host = 64         # more wait for a place (up to the handshake deadline), then dropped

# ESC/POS receipt printers for kitchen tickets and delivery slips (copy one per printer, remove
# the #s). Exactly one of host (network, TCP 9100), usb (vendor:product, hex) or device (serial).
# A job waits in the box while its printer is off or out of paper, and prints when it is back.
# [[printers]]
# name = "kitchen"
# role = "kitchen"             # kitchen | delivery | all: which slips it prints
# host = "192.168.1.50"        # a network printer
# port = 9100
# paper_mm = 80                # 80 | 58
# kanji = false                # true: Japanese as the printer's own kanji text, not an image
# status = true                # the printer answers status queries (off, paper out)
# timeout_s = 10               # a printer silent this long is reported off
# retry_s = 2                  # a job that did not print is tried again after this, doubling
# retry_max_s = 30             # ...up to this
# check_every_s = 60           # an idle printer's status is asked this often
#
# [[printers]]
# name = "counter"
# role = "delivery"
# usb = "04b8:0202"            # a USB printer (lsusb shows vendor:product)
#
# [[printers]]
# name = "serial"
# device = "/dev/ttyUSB0"      # a serial printer
# baudrate = 38400

[ncid]
# enabled = false              # also serve calls to NCID clients on the network
# port = 3333
# allow = ["127.0.0.1/32"]     # addresses allowed to connect
"""


def config_text(
    found: list[FoundDevice],
    *,
    name: str = "Ringdesk",
    region: str = "JP",
    language: str = "ja",
    ring_timeout: float = RING_TIMEOUT_S,
    backup: str = "backups",
) -> str:
    """The commented ringdesk.toml for a box that sees `found` (a modem becomes line1)."""
    modems = [d for d in found if d.driver == "modem"]
    text = HEAD.format(name=_quote(name), region=region, language=language)
    if modems:
        for i, dev in enumerate(modems, 1):
            text += MODEM.format(name=f"line{i}", label=dev.label, path=dev.path)
    else:
        text += SIMULATED
    text += LINE_OPTIONS.format(ring_timeout=f"{ring_timeout:g}")
    sound = next((d.path for d in found if d.driver == "soundcard"), "USB")
    serial = next((d.path for d in found if d.driver == "serial"), "/dev/ttyUSB0")
    text += EXAMPLES.format(sound=sound, serial=serial)
    unused = [d for d in found if d.driver != "modem"]
    if unused:
        listed = "\n".join(f"#   {d.path}  {d.label}  ({d.driver})" for d in unused)
        text += FOUND_UNUSED.format(found=listed)
    return text + REST.format(backup=backup)


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
