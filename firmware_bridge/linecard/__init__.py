"""The Ringdesk line card: wire protocol, reference firmware core, emulator, host driver."""
