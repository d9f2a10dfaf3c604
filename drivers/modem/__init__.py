"""AT voice modems: the driver, a pty emulator of the same chipsets, and the sans-IO parsers.

driver = ModemDriver("line1", ["/dev/ttyACM*"], chipset="auto", region="JP")
await driver.start()                      # finds, initialises, reconnects on its own
async for event in driver.events(): ...   # Ring, CallerId, RingingStopped, OffHook, ...
await driver.send(Answer("line1"))        # Answer / Play / Record / HangUp / Dial

emulator = ModemEmulator("conexant")      # usr5637, agere, silabs, rockwell
path = await emulator.start()             # a pty path the driver opens
emulator.place_call("0312345678", "ヤマダ タロウ", rings=3)
await emulator.unplug(); path = await emulator.replug()
"""

from drivers.modem.at import AtSession
from drivers.modem.cidlines import CidLineParser, decode_hex_message
from drivers.modem.driver import ModemDriver
from drivers.modem.emulator import ModemEmulator, dtmf, hangup, pause, talk
from drivers.modem.profiles import CHIPSETS

__all__ = [
    "CHIPSETS",
    "AtSession",
    "CidLineParser",
    "ModemDriver",
    "ModemEmulator",
    "decode_hex_message",
    "dtmf",
    "hangup",
    "pause",
    "talk",
]
