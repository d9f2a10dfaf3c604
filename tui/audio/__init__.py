"""Desk-side audio: outputs (sound card, WAV file, none) and the recording player."""
