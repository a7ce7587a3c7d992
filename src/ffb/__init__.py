"""ffb: KL's Fælles Faglige Begreber as a machine-enforceable data contract."""

__version__ = "0.1.0"
