"""HTTP of login and sessions: /auth login, refresh, logout, two-factor login step, sessions,
devices, login activity."""
