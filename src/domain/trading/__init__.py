"""Trading: instruments, orders, the order book and its matching, trades and positions."""
