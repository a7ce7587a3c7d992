"""Validate: check an input against the contract and report every problem.

    >>> from ffb.validate import validate
    >>> report = validate("examples/canonical", lang="en")
    >>> report.valid
    True
"""

from __future__ import annotations


def validate(path, **options):
    """Validate a data package, table file or JSON document; return the Report.

    Options: table, lang ("da" or "en"), fail_on ("error" or "warning"), max_errors, today.
    """
    from ffb.validate.engine import validate as run

    return run(path, **options)
