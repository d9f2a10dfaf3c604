"""A pty-backed voice-modem emulator with chipset personalities, scripted calls and unplugging.

emu = ModemEmulator("conexant")
path = await emu.start()                    # open `path` like /dev/ttyACM0
emu.place_call("0312345678", "ヤマダ タロウ", rings=3)
await emu.unplug(); path = await emu.replug()
"""

from drivers.modem.emulator.calls import CallerStep, EmulatedCall, dtmf, hangup, pause, talk
from drivers.modem.emulator.core import ModemCore
from drivers.modem.emulator.personality import PERSONALITIES, Personality, personality
from drivers.modem.emulator.runner import ModemEmulator

__all__ = [
    "PERSONALITIES",
    "CallerStep",
    "EmulatedCall",
    "ModemCore",
    "ModemEmulator",
    "Personality",
    "dtmf",
    "hangup",
    "pause",
    "personality",
    "talk",
]
