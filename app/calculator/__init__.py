"""The package calculator ("what would I get?"): one person's profile, every place's offers valued for it.

profile.py reads the profile from the URL, matching.py and conditions.py decide whether an offer applies
and what the person must still check, valuation.py values and totals the offers of each place (pure
functions over plain data), service.py and ranking.py load the candidate rows and rank the places. How it reads
(labels, the chart's geometry, the JSON shapes) is app.web.calculator.
"""
