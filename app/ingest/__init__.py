"""The write side: read files, normalise, find the place, extract, store (each stage in its own module)."""
