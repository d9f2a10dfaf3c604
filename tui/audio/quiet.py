"""Keep the sound libraries' C-level chatter (ALSA config errors, "jack server is not running")
off file descriptor 2, where the desk's terminal UI is drawn: their message hooks are set to
no-ops instead of redirecting the descriptor, which would swallow the UI's own frames."""

from __future__ import annotations

import ctypes
import ctypes.util
import threading

# void handler(const char *file, int line, const char *function, int err, const char *fmt, ...)
_ALSA_HANDLER = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)
_JACK_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_char_p)


def _ignore_alsa(file: bytes, line: int, function: bytes, err: int, fmt: bytes) -> None:
    """Drop one ALSA library message."""


def _ignore_jack(message: bytes) -> None:
    """Drop one JACK client message."""


# module-level: the C libraries keep these pointers for the life of the process
_alsa_hook = _ALSA_HANDLER(_ignore_alsa)
_jack_hook = _JACK_HANDLER(_ignore_jack)
_lock = threading.Lock()
_done = False


def _library(name: str) -> ctypes.CDLL | None:
    found = ctypes.util.find_library(name)
    if found is None:
        return None
    try:
        return ctypes.CDLL(found)
    except OSError:
        return None


def quiet_sound_libraries() -> None:
    """Silence ALSA's and JACK's messages for this process (once; a missing library is fine)."""
    global _done
    with _lock:
        if _done:
            return
        _done = True
        asound = _library("asound")
        if asound is not None:
            asound.snd_lib_error_set_handler(_alsa_hook)
        jack = _library("jack")
        if jack is not None:
            jack.jack_set_error_function(_jack_hook)
            jack.jack_set_info_function(_jack_hook)
