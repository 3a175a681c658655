"""Portfolio drivers: the quarterly statement PDF."""
