"""Receipt printing: slips (kitchen ticket, delivery slip) laid out, drawn with a Japanese font
and sent as ESC/POS to network, USB and serial printers."""

from appliance.printing.slip import Payment, Slip, SlipItem, TaxLine, address_qr

__all__ = ["Payment", "Slip", "SlipItem", "TaxLine", "address_qr"]
