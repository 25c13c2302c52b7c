"""Lists of named people (detainees, victims): imported from CSV/XLSX, names encrypted at rest."""
