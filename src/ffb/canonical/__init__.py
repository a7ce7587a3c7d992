"""The canonical form of an FFB export: a Frictionless data package of UTF-8 CSV files."""
