"""Portfolio HTTP API: investments, capital activities, figures, index series."""
