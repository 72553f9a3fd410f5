"""The `pubconv` click group over the library API (imported by :mod:`pubconv.cli` for every
command but ``--version``).

Exit codes: 0 success, 1 bad input or failed run, 2 usage error.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module

import click
from click.utils import make_default_short_help

from pubconv._version import __version__
from pubconv.errors import ParseError, PubconvError
from pubconv.gcpause import paused_gc

_CONVERT = "pubconv.cli.convert"
#: Commands in their own modules (each owns its feature), imported only when run or listed, so
#: ``pubconv --version`` and the conversion commands never load the citation engine or bs4, and
#: ``cite`` never loads the conversion commands (``convert``, the shorthands and streaming).
#: Adding a command module: one line here (every name in its ``COMMANDS`` list).
LAZY_COMMANDS: dict[str, str] = {
    "convert": _CONVERT,
    "formats": _CONVERT,
    **{name: _CONVERT for name in ("bib2csl", "csl2bib", "md2bib", "bib2md", "md2csl", "csl2md")},
    "check": "pubconv.cli.check",
    "cite": "pubconv.cli.cite",
    "styles": "pubconv.cli.cite",
    "sync": "pubconv.cli.sync",
    "cache": "pubconv.cli.cache",
}
#: Each lazy command's help up to its first blank line, for ``pubconv --help``: listing the
#: commands must not import them (``check`` and ``cite`` load bs4 and the citation engine, a
#: quarter of a second).  ``tests/test_startup.py`` checks these against the commands.
LAZY_HELP: dict[str, str] = {
    "convert": "Convert INPUT files (read as one database) to another format.",
    "formats": "List the formats pubconv reads and writes.",
    "bib2csl": "Convert bibtex to csljson (= `convert -f bibtex -t csljson`).",
    "csl2bib": "Convert csljson to bibtex (= `convert -f csljson -t bibtex`).",
    "md2bib": "Convert jekyll to bibtex (= `convert -f jekyll -t bibtex`).",
    "bib2md": "Convert bibtex to jekyll (= `convert -f bibtex -t jekyll`).",
    "md2csl": "Convert jekyll to csljson (= `convert -f jekyll -t csljson`).",
    "csl2md": "Convert csljson to jekyll (= `convert -f csljson -t jekyll`).",
    "check": "Lint publication pages and .bib files (file:line:col).",
    "cite": "Format INPUT files as a bibliography or CV in any CSL style.",
    "styles": "List the bundled CSL styles matching every word of QUERY.",
    "sync": "Report or update what differs between pages and .bib files.",
    "cache": "Show where `cite` caches rendered entries, or clear that cache.",
}


class _LazyGroup(click.Group):
    """A click group that imports a command's module the first time the command is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None or cmd_name not in LAZY_COMMANDS:
            return command
        module = import_module(LAZY_COMMANDS[cmd_name])
        found: click.Command
        for found in getattr(module, "COMMANDS", ()):
            if found.name == cmd_name:
                self.add_command(found)
                return found
        return None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's command list, with the lazy commands' help from :data:`LAZY_HELP` (their
        modules stay unimported); the same text click writes once they are loaded."""
        rows: list[tuple[str, click.Command | None]] = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is None and name not in LAZY_COMMANDS:
                continue
            if command is not None and command.hidden:
                continue
            rows.append((name, command))
        if not rows:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in rows)
        lines = [
            (
                name,
                command.get_short_help_str(limit)
                if command is not None
                else make_default_short_help(LAZY_HELP[name], limit),
            )
            for name, command in rows
        ]
        with formatter.section("Commands"):
            formatter.write_dl(lines)


@click.group(
    cls=_LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="""\b
Examples:
  pubconv md2bib page.md -o lab.bib               Jekyll page -> BibTeX
  pubconv bib2md lab.bib -o page.md               BibTeX -> a page ready to publish
  pubconv bib2md lab.bib --like page.md           BibTeX -> page in that page's layout
  pubconv convert -f bibtex -t csljson - < x.bib  pandoc's options; stdin -> stdout
  pubconv check --fix _pages/*.md lab.bib         find defects, fix the mechanical ones
  pubconv cite lab.bib -t html --standalone -o cv.html
  pubconv formats                                 what can be read and written
\b
Shell completion (bash; zsh_source and fish_source for the others):
  eval "$(_PUBCONV_COMPLETE=bash_source pubconv)"
""",
)
@click.version_option(__version__, "-V", "--version", prog_name="pubconv")
def cli() -> None:
    """Keep publication records in sync across Jekyll pages, BibTeX and CSL-JSON."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code instead of exiting."""
    try:
        with paused_gc():  # one short run: the collector would only rescan live records
            result = cli.main(
                args=list(argv) if argv is not None else None,
                prog_name="pubconv",
                standalone_mode=False,
            )
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        return 1
    except ParseError as exc:
        # Diagnostics were printed as they were found, unless the error came from elsewhere.
        if not exc.reported:
            for diagnostic in exc.diagnostics:
                click.echo(str(diagnostic), err=True)
        click.echo(f"pubconv: {len(exc.diagnostics)} error(s); nothing written", err=True)
        return 1
    except PubconvError as exc:
        click.echo(f"pubconv: error: {exc}", err=True)
        return 1
    except BrokenPipeError:
        return 1
    return int(result) if isinstance(result, int) else 0
