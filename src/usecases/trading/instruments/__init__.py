"""Instruments: listed by an operator (``trading:manage``), halted and resumed, read by
anyone signed in."""
