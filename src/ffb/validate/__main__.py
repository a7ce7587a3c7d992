"""`python -m ffb.validate` is the same as `ffb-validate`."""

from ffb.validate.cli import main

main()
