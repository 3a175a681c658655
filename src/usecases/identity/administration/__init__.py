"""Administration by operators: users (search, read, update, block, create admins), branches and
features; the lookups by code and the audit record they share."""
