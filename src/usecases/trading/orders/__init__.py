"""Orders: placed, cancelled and amended through the instrument's matcher; the user's orders,
fills and positions; the book's depth."""
