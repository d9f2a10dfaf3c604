"""NTT Number Display adapters: the USB adapter's STX/ETX frames and the ISDN TA line form."""

from firmware_bridge.nd.frames import NdFrameParser, NdResult, with_parity
from firmware_bridge.nd.ta_line import TaLineParser

__all__ = ["NdFrameParser", "NdResult", "TaLineParser", "with_parity"]
