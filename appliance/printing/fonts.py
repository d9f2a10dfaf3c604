"""The Japanese font slips are drawn with, found at run time among the Debian packages'."""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

from PIL import ImageFont

# (file, face index in a collection); fonts-ipafont-gothic first (the box's own dependency)
CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", 0),
    ("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", 0),
    ("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),  # face 0: Noto Sans CJK JP
    ("/usr/share/fonts/truetype/takao-gothic/TakaoGothic.ttf", 0),
)
PACKAGE = "fonts-ipafont-gothic"


class FontMissingError(RuntimeError):
    """No Japanese font is installed; the message says which package to install."""


@functools.cache
def japanese_font() -> tuple[Path, int]:
    """The font file (and face index) to draw slips with; FontMissingError when there is none."""
    for name, index in CANDIDATES:
        path = Path(name)
        if path.is_file():
            return path, index
    found = _fontconfig()
    if found is not None:
        return found, 0
    raise FontMissingError(
        f"日本語フォントがありません: apt-get install {PACKAGE} / no Japanese font is "
        f"installed to print slips with: install the Debian package {PACKAGE}"
    )


def _fontconfig() -> Path | None:
    """Fontconfig's choice of a Japanese font, when fc-match is there and has one."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        out = subprocess.run(
            [fc_match, "-f", "%{file}\n%{lang}", ":lang=ja"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    file, _, langs = out.partition("\n")
    if file and "ja" in langs.split("|") and Path(file).is_file():
        return Path(file)
    return None


@functools.cache
def font(size: int) -> ImageFont.FreeTypeFont:
    """The Japanese font at `size` pixels (loaded once per size)."""
    path, index = japanese_font()
    return ImageFont.truetype(str(path), size, index=index)
