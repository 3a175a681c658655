"""Governance over HTTP: proposals, ballots, delegation, results and their verification."""
