"""The cap table API: issuers, classes, stakeholders, events, views and certificates."""
