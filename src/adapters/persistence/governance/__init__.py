"""Governance persistence: proposals, snapshots, ballots, delegations, settings."""
