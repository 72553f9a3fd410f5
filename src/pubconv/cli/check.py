"""`pubconv check`: defects of hand-written publication pages and ``.bib`` files, and their fixes."""

from __future__ import annotations

import click

from pubconv.errors import PubconvError, Severity


def _rule_table() -> str:
    from pubconv.lint import RULES

    rows = [f"  {r.code} {r.name}{' (fixable)' if r.fixable else ''}" for r in RULES.values()]
    return "\n".join(rows)


@click.command(
    epilog=f"""\b
Rules (--select/--ignore take a code, a name or a prefix such as J or B):
{_rule_table()}
\b
Exit status: 0 nothing found (or all of it fixed), 1 findings left, 2 usage error.
\b
Examples:
  pubconv check _pages/*/2024new.md
  pubconv check --fix --ignore incomplete-entry _pages/*.md
  pubconv check --select B --format json abbrev.bib papers.bib crossref.bib
"""
)
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    metavar="FILE...",
    type=click.Path(exists=True, dir_okay=False),
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULE",
    help="Check only these rules (code, name or prefix; repeatable or comma-separated).",
)
@click.option("--ignore", multiple=True, metavar="RULE", help="Skip these rules (as for --select).")
@click.option(
    "--fix",
    is_flag=True,
    help="Repair the mechanical defects in place (atomic writes) and print what changed.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: file:line:col lines; json: a list of findings for tools.",
)
@click.option(
    "--ignore-noqa",
    is_flag=True,
    help="Report findings that a page's <!-- pubconv: noqa CODE --> marker silences.",
)
@click.option(
    "-v", "--verbose", is_flag=True, help="One line per finding (default: one per rule and file)."
)
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fix: bool,
    fmt: str,
    ignore_noqa: bool,
    verbose: bool,
) -> None:
    """Lint publication pages and .bib files (file:line:col).

    Pages: target="\\_blank", duplicate abstract ids, unclosed or stray tags, empty links,
    entries without title, authors or year (an entry marked <!-- pubconv: noqa J006 -->, as
    bib2md marks one whose .bib has none, is known and not reported).  BibTeX: duplicate keys and titles, missing
    required fields, malformed DOIs and URLs, months as text, unbalanced braces.  .bib files
    given together are read as one database (macros, crossrefs).
    """
    from pubconv.lint import chosen_codes, lint_paths
    from pubconv.lint.report import as_json, fixed_lines, text_lines

    try:
        chosen_codes(select, ignore)  # an unknown rule is a usage error, before any reading
    except PubconvError as exc:
        raise click.BadParameter(str(exc), param_hint="'--select'/'--ignore'") from None
    results = lint_paths(paths, select, ignore, fix=fix, ignore_noqa=ignore_noqa)
    findings = [f for result in results for f in result.findings]
    silenced = sum(len(result.silenced) for result in results)
    if silenced:
        click.echo(
            f"pubconv check: {silenced} finding(s) silenced by noqa markers "
            "(--ignore-noqa lists them)",
            err=True,
        )
    for result in results:
        if result.fixed:
            for line in fixed_lines(result.path, result.fixed, verbose):
                click.echo(line, err=fmt == "json")
    if fmt == "json":
        click.echo(as_json(findings))
    else:
        for line in text_lines(findings, verbose):
            click.echo(line)
    bad = len({f.diagnostic.path for f in findings})
    fixable = sum(f.fixable for f in findings)
    if findings:
        hint = f" ({fixable} fixable with --fix)" if fixable and not fix else ""
        errors = sum(f.diagnostic.severity is Severity.ERROR for f in findings)
        click.echo(
            f"pubconv check: {len(findings)} defect(s) ({errors} error(s)) in {bad} of "
            f"{len(paths)} file(s){hint}",
            err=True,
        )
        ctx.exit(1)
    click.echo(f"pubconv check: no defects in {len(paths)} file(s)", err=True)


COMMANDS = [check]
