"""The ``kinolog`` subcommands, one module per group. Each module has ``register(subparsers)``."""
