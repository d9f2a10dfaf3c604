"""Hardware edge: devices in, LineEvents out. Imports nothing from the rest of Ringdesk."""
