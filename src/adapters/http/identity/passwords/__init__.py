"""HTTP of passwords: /auth forgot, reset, change password."""
