"""The `pubconv` command.

``main(argv) -> int`` runs it without exiting (for tests); ``run()`` is the console script.
Exit codes: 0 success, 1 bad input or failed run, 2 usage error.

This module stays tiny on purpose: ``pubconv --version`` is answered here, before click and
the command modules are imported (they are a few tens of milliseconds of a command that should
take none); everything else goes to the click group in :mod:`pubconv.cli.app`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pubconv._version import __version__

if TYPE_CHECKING:
    from pubconv.cli.app import cli

VERSION_LINE = f"pubconv, version {__version__}"
"""What ``pubconv --version`` prints: click's ``version_option`` text, written without click."""

_VERSION_ARGS = (["--version"], ["-V"])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code instead of exiting."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args in _VERSION_ARGS:
        sys.stdout.write(VERSION_LINE + "\n")
        sys.stdout.flush()
        return 0
    import gc

    # the collector off while click and the commands are imported (some 50 young-generation
    # passes over what the imports just made); cli.app keeps it off for the run itself
    enabled = gc.isenabled()
    gc.disable()
    try:
        from pubconv.cli.app import main as run_group
    finally:
        if enabled:
            gc.enable()
    return run_group(args)


def run() -> None:
    """Console-script entry point.

    The process ends with the command, so the collector is kept from scanning what the run
    made (``gc.freeze``): at exit it would walk every record only to free memory the process
    is about to give back (5% of a 5,000-entry conversion).  Outputs are written and closed
    before :func:`main` returns; nothing the run leaves needs a finalizer.
    """
    code = main()
    import gc

    gc.freeze()
    sys.exit(code)


def __getattr__(name: str) -> Any:
    """``pubconv.cli.cli`` (the click group) and the lazy-command tables, loaded when asked."""
    if name in ("cli", "LAZY_COMMANDS", "LAZY_HELP"):
        from pubconv.cli import app

        return getattr(app, name)
    raise AttributeError(f"module 'pubconv.cli' has no attribute {name!r}")


__all__ = ["VERSION_LINE", "cli", "main", "run"]
