"""Clearance: a reviewed Word file back into the YAML it was made from (issue 31).

This room sits above loading, the model, render and output (it reads what they know of
a brief) and below api and cli, the only ones that import it.
"""
