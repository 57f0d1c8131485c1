"""Everything that leaves the database as a file: an incentive's public fields (records.py, shared with
the web's CSV and API) and the CLI's `python -m app export` (command.py)."""
