"""Governance use cases: results."""
