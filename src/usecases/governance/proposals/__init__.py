"""Governance use cases: proposals."""
