"""Hal: what the firmware core needs from the board (MicroPython-compatible; subclass per board)."""


class Hal:
    """Board access. A real board maps these to GPIO/PIO/UART; SimHal drives them in tests."""

    def ring_detect(self) -> bool:
        """True while ringing voltage (CAR or ring) is present (optocoupler after rectifier)."""
        raise NotImplementedError

    def polarity(self) -> int:
        """+1 or -1: the sign of the tip/ring voltage."""
        raise NotImplementedError

    def extension_off_hook(self) -> bool:
        """True when another phone on the line is off hook (line voltage dropped)."""
        raise NotImplementedError

    def set_hook(self, off_hook: bool) -> None:
        """Drive the hook relay (off hook = DC loop through the holding circuit)."""
        raise NotImplementedError

    def fsk_read(self) -> bytes:
        """Bytes demodulated by the V.23 FSK receiver since the last call."""
        raise NotImplementedError

    def dtmf_read(self) -> str:
        """DTMF digits decoded since the last call ('' if none)."""
        raise NotImplementedError

    def audio_read(self) -> bytes:
        """µ-law bytes from the codec since the last call (8000 per second)."""
        raise NotImplementedError

    def audio_write(self, ulaw: bytes) -> None:
        """Queue µ-law bytes for the codec to play to the line."""
        raise NotImplementedError

    def host_read(self) -> bytes:
        """Bytes the host sent over USB CDC since the last call."""
        raise NotImplementedError

    def host_write(self, data: bytes) -> None:
        """Send bytes to the host over USB CDC."""
        raise NotImplementedError
