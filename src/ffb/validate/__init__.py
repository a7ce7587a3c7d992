"""Validate: check an input against the contract and report every problem."""
