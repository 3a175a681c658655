"""HTTP adapter of banking: linked accounts, deposits, withdrawals and the rail webhook."""
