"""Market data (docs/market-data.md)."""
