"""`pubconv sync`: compare pages with `.bib` files and update either side minimally."""

from __future__ import annotations

import json

import click

from pubconv.cli.common import format_name, report
from pubconv.sync import diff, has_errors, sync
from pubconv.sync.report import to_json, to_text, unified_diffs


@click.command(
    epilog="""\b
Modes (one of):
  (default)        print the report and a unified diff of what --write both would change
  --check          print the report; exit 1 when anything differs (for CI and pre-commit)
  --write SIDE     update page, bib or both; --dry-run prints the diff instead
\b
Exit status: 0 in sync (or written), 1 differences found by --check or bad input,
2 usage error.
\b
Examples:
  pubconv sync _pages/publications.md lab.bib              report + diff
  pubconv sync _pages/*.md lab.bib --check                 CI / pre-commit
  pubconv sync page.md lab.bib --write bib                 add the page's new papers to lab.bib
  pubconv sync page.md lab.bib --write page --prefer bib   the .bib wins conflicts
  pubconv sync page.md lab.bib --format json               machine-readable report
"""
)
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option(
    "--check",
    is_flag=True,
    help="Only report; exit 1 when the sides differ, 0 when they are in sync.",
)
@click.option(
    "--write",
    "write",
    type=click.Choice(["page", "bib", "both"]),
    help="Update this side from the other: add missing records, copy fields it lacks.",
)
@click.option(
    "--prefer",
    type=click.Choice(["page", "bib"]),
    help="Settle conflicting fields in favour of this side (default: report, leave alone).",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="With --write: print the unified diff of the change and write nothing.",
)
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report as text, or as JSON (schema: pubconv/sync/schema.json).",
)
@click.option(
    "-f",
    "--from",
    "from_format",
    metavar="FMT",
    callback=format_name,
    help="Read every SOURCE in this format (default: by extension, else sniffed).",
)
@click.pass_context
def sync_command(
    ctx: click.Context,
    sources: tuple[str, ...],
    check: bool,
    write: str | None,
    prefer: str | None,
    dry_run: bool,
    report_format: str,
    from_format: str | None,
) -> None:
    """Report or update what differs between pages and .bib files.

    SOURCEs are any mix of site files and databases in any format pubconv reads; sync reports
    what differs, or updates either side with the smallest change.

    Records are matched by DOI, then citation key, then normalised title and first author,
    then a fuzzy title match; fields present on one side only are copied, never deleted."""
    if check and write:
        raise click.UsageError("--check and --write exclude each other")
    if dry_run and not write:
        raise click.UsageError("--dry-run goes with --write (without --write nothing is written)")
    preview = not check and not write
    if check:
        plan = diff(sources, from_format=from_format)
    else:
        plan = sync(
            sources,
            write=write or "both",
            prefer=prefer,
            dry_run=dry_run or preview,
            from_format=from_format,
        )
    report(plan.diagnostics)
    if report_format == "json":
        click.echo(json.dumps(to_json(plan), indent=2, ensure_ascii=False))
    else:
        click.echo(to_text(plan, written=not (dry_run or preview)), nl=False)
        if plan.updates and (dry_run or preview):
            click.echo(unified_diffs(plan), nl=False)
    if has_errors(plan) or (check and not plan.in_sync):
        ctx.exit(1)


sync_command.name = "sync"
COMMANDS = [sync_command]
