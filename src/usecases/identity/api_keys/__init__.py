"""API keys: create, list, read, rotate, revoke; the partner API's status read."""
