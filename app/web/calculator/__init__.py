"""The calculator as pages and JSON: its labels, its chart's geometry and its API shapes (the
calculation itself is app.calculator, which knows nothing of languages or markup)."""
