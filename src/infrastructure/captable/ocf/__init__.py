"""Open Cap Format (OCF 1.2) packages: safe reading, schema validation and writing.

The schema tree (``schema/``, with the OCF license beside it) is vendored as package data.
"""
