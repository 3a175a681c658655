"""The cap table's drivers."""
