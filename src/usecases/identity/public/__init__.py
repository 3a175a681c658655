"""Identity's public port: what other contexts (and the platform's auth dependency) use of
identity. Each module is one port; the consumers are named in pyproject.toml."""
