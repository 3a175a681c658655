"""The matching engine: one order book per instrument, pure Python, no I/O, deterministic.

Prices are whole ticks and quantities whole lots (``int``): the use cases turn an instrument's
decimal price and quantity into ticks and lots before the book sees them, and back after.
The book never reads a clock; expiry of DAY and GTD orders is a command like a cancel."""
