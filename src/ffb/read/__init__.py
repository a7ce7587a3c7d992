"""Read: turn any supported input into raw tables of text plus findings about the files."""

from ffb.read.model import CannotRun, Finding, RawInput, RawTable
from ffb.read.sources import open_input

__all__ = ["CannotRun", "Finding", "RawInput", "RawTable", "open_input"]
