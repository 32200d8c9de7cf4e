"""Party rules: the rule sets (thresholds with sources), the catalogue, and the E-level checks.

The W-level checks are in :mod:`chibo_docs.validation` (``check``).
"""
