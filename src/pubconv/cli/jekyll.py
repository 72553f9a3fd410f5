"""`pubconv check`: list the defects of hand-written publication pages."""

from __future__ import annotations

import click

from pubconv.check import check_paths


@click.command(
    epilog="""\b
Exit status: 0 no defects, 1 defects found, 2 usage error.
\b
Example:
  pubconv check _pages/*/2024new.md
"""
)
@click.argument(
    "pages",
    nargs=-1,
    required=True,
    metavar="PAGE.md...",
    type=click.Path(exists=True, dir_okay=False),
)
@click.pass_context
def check(ctx: click.Context, pages: tuple[str, ...]) -> None:
    """List page defects as file:line:col (duplicate abstract ids, target="\\_blank", unclosed
    tags, empty links, entries without title, authors or year)."""
    found = check_paths(pages)
    for diagnostic in found:
        click.echo(str(diagnostic))
    bad_pages = len({d.path for d in found})
    if found:
        click.echo(
            f"pubconv check: {len(found)} defect(s) in {bad_pages} of {len(pages)} page(s)",
            err=True,
        )
        ctx.exit(1)
    click.echo(f"pubconv check: no defects in {len(pages)} page(s)", err=True)


COMMANDS = [check]
