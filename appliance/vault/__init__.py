"""The vault: data key, slots that unlock it, derived keys and the sealed inbox (DESIGN §6)."""
