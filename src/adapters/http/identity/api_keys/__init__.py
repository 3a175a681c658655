"""HTTP of API keys: /api-keys."""
