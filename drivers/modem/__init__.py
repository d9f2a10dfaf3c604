"""drivers.modem."""
