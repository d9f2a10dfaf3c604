"""A slip as the ESC/POS bytes of one job: the slip drawn as a raster image (GS v 0), the
address QR as the printer's own QR code (GS ( k), then a cut; written with python-escpos."""

from __future__ import annotations

import copy

from escpos.printer import Dummy
from PIL import Image

from appliance.printing.layout import layout
from appliance.printing.raster import paper_dots, render_rows
from appliance.printing.slip import Slip

BAND_DOTS = 256  # image rows per GS v 0 command: small printer buffers take bands
QR_MODULE = {58: 4, 80: 5}  # dots per QR module: a phone reads it at arm's length


def slip_image(slip: Slip, width_mm: int = 80) -> Image.Image:
    """The slip's rows drawn for paper `width_mm` wide."""
    return render_rows(layout(slip), width_mm)


def slip_job(slip: Slip, width_mm: int = 80) -> bytes:
    """The whole print job for the slip: initialise, raster image, QR, feed and cut."""
    printer = _printer(width_mm)
    printer.hw("INIT")
    printer.image(slip_image(slip, width_mm), impl="bitImageRaster", fragment_height=BAND_DOTS)
    if slip.qr_payload:
        printer.set(align="center")
        printer.qr(slip.qr_payload, native=True, size=QR_MODULE[width_mm])
        printer.set(align="left")
    printer.cut()
    return bytes(printer.output)


def _printer(width_mm: int) -> Dummy:
    """A python-escpos printer that collects bytes, told the paper's width in dots."""
    printer = Dummy()
    data = copy.deepcopy(printer.profile.profile_data)
    data["media"] = {"dpi": 203, "width": {"mm": width_mm, "pixels": paper_dots(width_mm)}}
    printer.profile.profile_data = data
    return printer
