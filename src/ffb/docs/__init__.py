"""Documentation pages generated from the project's own sources."""
