"""Trading use cases: instruments, orders and their matching, fills and positions."""
