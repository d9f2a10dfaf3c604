"""Offline speech-to-text for recordings: engines (pocketsphinx, Vosk) and the job runner."""
