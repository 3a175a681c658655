"""Cap table use cases: issuers, share classes, stakeholders, the event history and its views."""
