"""Import customers from .xlsx and .csv files: read, map columns, check rows, write."""
