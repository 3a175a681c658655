"""HTTP of registration: /auth/register."""
