"""Banking drivers: the bank rail instruction worker."""
