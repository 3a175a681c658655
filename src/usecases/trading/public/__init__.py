"""Trading's public ports: what other contexts may use (docs/architecture.md)."""
