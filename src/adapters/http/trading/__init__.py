"""Trading over HTTP: instruments, orders, fills, positions and the book's depth."""
