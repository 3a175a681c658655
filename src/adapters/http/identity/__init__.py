"""HTTP adapter of the identity context: auth endpoints and the user's own profile."""
