"""What a desk asks of the box, one module per resource: contract models in, contract models
out, run on the database thread (the API's routes await them there)."""
