"""Governance use cases: proposals, voting, delegation, results and their lifecycle."""
