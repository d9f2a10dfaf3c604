"""appliance.core."""
