"""The use cases that record an event in a cap table's history, list it and replay it."""
