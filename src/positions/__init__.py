"""positions: where each party to a negotiation stands, issue by issue."""

__version__ = "0.1.0"
