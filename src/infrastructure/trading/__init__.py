"""Trading's drivers: how requests reach a partition's owner in another process."""
