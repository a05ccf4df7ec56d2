"""One module per ``procmem`` verb: ``add_parser(subparsers)`` and ``run(args) -> int``."""
