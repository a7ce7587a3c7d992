"""Rules that compare rows and tables; importing this package registers them all."""

from ffb.validate.rules import dates, economics, ffb_reporting, privacy  # noqa: F401
