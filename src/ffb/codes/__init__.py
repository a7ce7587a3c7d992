"""Codes: look a code up by its Danish name, and suggest the allowed value nearest to a wrong one."""
