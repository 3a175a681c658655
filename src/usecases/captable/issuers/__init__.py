"""Issuers, their share classes, stakeholders, legends and plans: the use cases that set a
cap table up."""
