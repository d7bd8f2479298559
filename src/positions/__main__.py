"""`python -m positions`."""

from positions.entry import main

main()
