"""Rules that compare rows and tables; importing this package registers them all."""

from ffb.validate.rules import cpr_facts, dates, economics, ffb_reporting, privacy  # noqa: F401
