"""Governance drivers: the results PDF."""
