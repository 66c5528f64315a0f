"""Subcommands of the `nianbao` command line, one module each."""
