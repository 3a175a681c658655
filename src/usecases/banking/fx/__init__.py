"""Currency conversion between a user's own cash accounts: quotes at a configured rate with the
platform's spread, and their one-time execution in the ledger (docs/banking.md)."""
