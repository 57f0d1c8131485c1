"""One router per page family; each only reads, through app.query."""
