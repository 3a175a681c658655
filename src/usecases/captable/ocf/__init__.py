"""Open Cap Format (OCF 1.2): the codec port, and the mapping between OCF objects and the cap
table in both directions."""
