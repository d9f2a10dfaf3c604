"""drivers.callerid."""
