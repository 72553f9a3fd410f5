"""`python -m pubconv`."""

from pubconv.cli import run

run()
