"""Trading's tables, repositories, unit of work and the matcher's partition locks."""
