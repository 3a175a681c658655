"""Registration: the three steps (contacts and password, codes, basic details) and resuming one."""
