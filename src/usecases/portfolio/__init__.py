"""Portfolio use cases: an investor's investments, their capital activities, the figures on
them and the index series they are compared against."""
