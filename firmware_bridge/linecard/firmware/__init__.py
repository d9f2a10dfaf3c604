"""Reference firmware for the line card (RP2040, MicroPython): core state machine and HAL."""
