"""Passwords: forgot, reset with a code, change, and the password policy check."""
