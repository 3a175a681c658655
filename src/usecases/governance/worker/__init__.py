"""Governance use cases: the worker."""
