"""The cap table: issuers, share classes, stakeholders, securities and the events that move them."""
