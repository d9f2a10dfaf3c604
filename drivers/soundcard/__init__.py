"""drivers.soundcard."""
