"""The signed-in user's own profile."""
