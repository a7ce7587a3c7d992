"""Validate: check an input against the contract and report every problem.

    >>> from ffb.validate import validate
    >>> report = validate("examples/canonical", lang="en")
    >>> report.valid
    True
"""

from __future__ import annotations


def validate(source, **options):
    """Validate a data package, table file or JSON document; return the Report.

    `source` is a path (str or Path), the bytes of a file, or a file already open for reading
    (binary or text; its name, if it has one, tells the kind, else its content does).

    Options: table (a table name, or several: the tables expected), lang ("da" or "en"),
    fail_on ("error" or "warning"), max_errors, today (a datetime.date).

    Raises `ffb.read.CannotRun` (also `ffb.validate.CannotRun`) when the input cannot be
    validated at all: no such file, an unsupported kind of file, an unknown table name. A
    problem inside the input is never raised; it is an issue in the report.
    """
    from ffb.validate.engine import validate as run

    return run(source, **options)


from ffb.read.model import CannotRun  # noqa: E402

__all__ = ["CannotRun", "validate"]
