"""Risk: scoring a login from identity's own data, and listing a user's suspicious activity."""
