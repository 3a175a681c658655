"""Persistence of the banking context."""
