"""HTTP of the user's own profile: /users/me."""
