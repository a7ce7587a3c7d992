"""Report: the validation report as data, and its renderings (text, JSON, CSV, JUnit)."""
