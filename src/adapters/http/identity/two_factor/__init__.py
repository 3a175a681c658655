"""HTTP of two-factor: /auth/2fa."""
