"""The receipt-printer emulator the demo and the tests print to: TCP 9100 in, ESC/POS parsed,
status queries answered, each job rendered to a PNG."""
