"""``python -m rhetor.cli``."""

from rhetor.cli import main

main()
