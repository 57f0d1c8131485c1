"""The one place that turns explorer parameters into SQL: validation, filters, full text, sorting."""
