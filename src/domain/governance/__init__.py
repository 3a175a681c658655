"""Governance: proposals, share-weighted voting, snapshots, delegation and results."""
