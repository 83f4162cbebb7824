"""Figure functions of the notebooks, one module per topic; each returns a matplotlib Figure."""
