"""Governance use cases: voting."""
