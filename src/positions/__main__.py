"""`python -m positions`."""

from positions.cli import main

main()
