"""appliance.api."""
