"""Authenticator two-factor: enrolment, confirmation, recovery codes, turning it off, and the
second-factor check other contexts use."""
