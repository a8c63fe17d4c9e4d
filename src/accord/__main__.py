"""python -m accord: the same as the `accord` command."""

from accord.interfaces.cli import main

main(prog_name="accord")
