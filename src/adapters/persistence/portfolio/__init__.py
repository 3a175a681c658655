"""Portfolio persistence: investments, capital activities, index series."""
