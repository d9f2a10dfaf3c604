"""appliance.db."""
