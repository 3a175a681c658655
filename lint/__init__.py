"""Repository lint plug-ins (import-linter contract types), run by `make check`."""
