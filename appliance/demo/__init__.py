"""The demo: a box on its embedded defaults with an emulated modem, printing screen pops."""
