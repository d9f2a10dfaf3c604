"""vCard 3.0 and 4.0: customers in and out as contact cards."""
