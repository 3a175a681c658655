"""The simulated market: fair-value processes and the agents that trade around them."""
