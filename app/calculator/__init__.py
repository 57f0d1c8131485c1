"""The package calculator ("what would I get?"): one person's profile, every place's offers valued for it.

profile.py reads the profile from the URL, matching.py and conditions.py decide whether an offer applies
and what the person must still check, valuation.py values and totals the offers of each place (pure
functions over plain data), service.py loads the candidate rows, chart.py draws the stacked bars.
"""
