"""Login and sessions: password login and its second step, tokens and refresh, logout, the app-wide
bearer authenticator, lockout, sessions and devices."""
