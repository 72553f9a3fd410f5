"""`cite` (formatted bibliographies and CVs in any CSL style) and `styles` (find a style).

Everything is checked before anything is written: an unknown style, locale or type, a broken
``.csl`` file or unreadable input stops the run with exit 1 and a
message that says what to do; the output file is replaced only after the whole text is ready.
A publication without authors, date or title is rendered as CSL prescribes, with a located
warning (``--strict`` makes that an error).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from pubconv.citation import cv
from pubconv.cli.common import check_format_name, input_options, read_inputs, report
from pubconv.errors import Diagnostic, ParseError, PubconvError, Severity
from pubconv.formats import REGISTRY
from pubconv.textio import write_output

_EXTENSION_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".tex": "latex",
}


def _output_format(fmt: str | None, output: str) -> str:
    """``--format``, else guessed from the output file's extension, else plain text."""
    if fmt:
        return fmt
    lowered = output.lower()
    for ext, name in _EXTENSION_FORMATS.items():
        if lowered.endswith(ext):
            return name
    return "text"


def _check_types(types: tuple[str, ...]) -> None:
    for name in types:
        try:
            cv.canonical_type(name)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="'--type'") from None


def _check_style_and_locale(style: str, locale: str) -> None:
    """Fail on a bad style or locale before reading (possibly large) inputs."""
    from pubconv.citation import resolve_style
    from pubconv.citation.engine import load_style
    from pubconv.citation.locales import check_locale

    load_style(resolve_style(style), check_locale(locale))


def _as_errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [
        Diagnostic(Severity.ERROR, d.message, d.path, d.line, d.column, d.key) for d in diagnostics
    ]


def _where(pub: object) -> str:
    origin = getattr(pub, "origin", None)
    return origin.location() if origin is not None else "<input>"


class _OptionalValueCommand(click.Command):
    """A command whose ``--numbered`` takes its value only as ``--numbered=reverse``.

    click's optional-value options take the next word as their value, so ``cite --numbered
    x.bib`` would read ``x.bib`` as the numbering; here a bare ``--numbered`` followed by anything
    but a numbering word means ``--numbered=normal``.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        fixed: list[str] = []
        for i, arg in enumerate(args):
            if arg == "--":
                fixed.extend(args[i:])
                break
            following = args[i + 1] if i + 1 < len(args) else None
            if arg == "--numbered" and following not in cv.NUMBERING:
                arg = "--numbered=normal"
            fixed.append(arg)
        return super().parse_args(ctx, fixed)


@click.command(
    cls=_OptionalValueCommand,
    epilog="""\b
Examples:
  pubconv cite refs.bib --style ieee -o refs.html
  pubconv cite refs.bib -t html --standalone --highlight "Ada Deng" -o cv.html
  pubconv cite lab/*.md --style apa --author "Zhiwei Xiong" --highlight "Zhiwei Xiong" \\
      --group-by year --sort date --numbered=reverse -o cv.tex
  pubconv cite refs.json --style chicago-author-date --locale de-DE --since 2020
""",
)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@input_options
@click.option(
    "-s",
    "--style",
    default="apa",
    show_default=True,
    metavar="NAME_OR_PATH",
    help="CSL style: a name from the style repository (apa, ieee, nature, vancouver, ...; "
    "see `pubconv styles`), a style URL or a .csl file.",
)
@click.option(
    "-l",
    "--locale",
    default="en-US",
    show_default=True,
    metavar="L",
    help="CSL locale, e.g. en-GB, de-DE.",
)
@click.option(
    "-t",
    "--to",
    "--format",
    "fmt",
    type=click.Choice(cv.FORMATS),
    help="Output format, as pandoc's -t (default: from the output file's extension, else text). "
    "-f is the input format, as in pandoc.",
)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    metavar="OUTPUT",
    help="Output file (replaced atomically); - for standard output.",
)
@click.option(
    "--author",
    "authors",
    multiple=True,
    metavar="NAME",
    help="Keep publications with this person as author or editor (repeatable; "
    "'Zhiwei Xiong', 'Xiong, Z.' and 'Z. Xiong' are the same person, accents folded).",
)
@click.option(
    "--highlight",
    multiple=True,
    metavar="NAME",
    help="Set this person in bold in every entry (repeatable).",
)
@click.option("--since", type=int, metavar="YEAR", help="Keep publications from YEAR on.")
@click.option("--until", type=int, metavar="YEAR", help="Keep publications up to YEAR.")
@click.option(
    "--type",
    "types",
    multiple=True,
    metavar="TYPE",
    help="Keep publications of this CSL or BibTeX type, e.g. article-journal, "
    "paper-conference, inproceedings (repeatable).",
)
@click.option(
    "--group-by",
    type=click.Choice(cv.GROUPS),
    help="Put a heading over each year (newest first), type or page section.",
)
@click.option(
    "--sort",
    type=click.Choice(cv.SORTS),
    default="style",
    show_default=True,
    help="Entry order: the style's own, date (newest first), author, title or none (input).",
)
@click.option("--reverse", is_flag=True, help="Reverse the sort order.")
@click.option(
    "--numbered",
    type=click.Choice(cv.NUMBERING),
    is_flag=False,
    flag_value="normal",
    default=None,
    help="Number the entries 1, 2, ...; --numbered=reverse counts down to 1 (as on CVs).",
)
@click.option(
    "--standalone",
    is_flag=True,
    help="A complete HTML page (UTF-8, small stylesheet, links) to open in a browser; "
    "implies -t html unless -t or the output's extension names another format.",
)
@click.option(
    "--title",
    metavar="TEXT",
    help="With --standalone: the page title (default: Publications).",
)
@click.option(
    "--heading-level",
    type=click.IntRange(1, 6),
    default=2,
    show_default=True,
    help="Level of the group headings (2 = <h2>, ##, \\subsection*).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse publications without authors, date or title (default: render them as the "
    "style says, with a located warning each).",
)
@click.option(
    "--allow-incomplete", is_flag=True, hidden=True, help="The default; kept for old scripts."
)
@click.option(
    "--dedupe/--no-dedupe",
    default=None,
    help="Merge publications that are the same work (same DOI, or same title, year and venue), "
    "reporting each merge (default: on with --author, off otherwise).",
)
@click.option(
    "--titles",
    type=click.Choice(cv.TITLES),
    default="sentence",
    show_default=True,
    help="BibTeX titles: 'sentence' converts Title Case to sentence case for the style "
    "(English entries; braced words kept), 'as-written' keeps them.",
)
@click.option("--no-cache", is_flag=True, help="Render every entry again (ignore the cache).")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), metavar="N", help="Processes (default: all cores)."
)
def cite(
    inputs: tuple[str, ...],
    from_format: str | None,
    skip_invalid: bool,
    style: str,
    locale: str,
    fmt: str | None,
    output: str,
    authors: tuple[str, ...],
    highlight: tuple[str, ...],
    since: int | None,
    until: int | None,
    types: tuple[str, ...],
    group_by: str | None,
    sort: str,
    reverse: bool,
    numbered: str | None,
    standalone: bool,
    title: str | None,
    heading_level: int,
    strict: bool,
    allow_incomplete: bool,
    dedupe: bool | None,
    titles: str,
    no_cache: bool,
    jobs: int | None,
) -> None:
    """Format INPUT files as a bibliography or CV in any CSL style.

    INPUT files are any format pubconv reads, read together as one database."""
    from pubconv.crossref import resolve_crossrefs
    from pubconv.formats.csljson.asread import deferred_as_written

    if since is not None and until is not None and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}")
    known_names = {name for f in REGISTRY for name in (f.name, *f.aliases)}
    if from_format in cv.FORMATS and from_format not in known_names:  # -f markdown is a page
        raise click.BadParameter(
            f"-f/--from names the input format, as in pandoc; for {from_format} output "
            f"give -t {from_format} (or --format {from_format})",
            param_hint="'-f'",
        )
    if from_format is not None:
        check_format_name(from_format, "'-f' / '--from'")
    out_format = _output_format(fmt, output)
    if standalone and fmt is None and out_format == "text":
        out_format = "html"  # a standalone page is HTML unless -t or the extension says else
    if (standalone or title) and out_format != "html":
        used = "--standalone" if standalone else "--title"
        raise click.UsageError(f"{used} applies only to HTML output (-t html), not {out_format}")
    if title and not standalone:
        raise click.UsageError("--title applies only with --standalone")
    _check_types(types)
    _check_style_and_locale(style, locale)
    with deferred_as_written():  # cite writes no records: worked out only for those it changes
        bib = resolve_crossrefs(read_inputs(inputs, from_format, skip_invalid))
    selection = cv.select(
        bib, authors=authors, since=since, until=until, types=types, dedupe=dedupe
    )
    report(
        [
            m.dropped.warning(
                f"{m.dropped.key}: merged into {m.kept.key} ({_where(m.kept)}): {m.reason}"
            )
            for m in selection.merges
        ]
    )
    pubs = selection.publications
    if not pubs:
        raise PubconvError(
            f"no publication matches the selection (read {len(bib)}); nothing written"
        )
    incomplete = cv.check_complete(pubs)
    if incomplete and strict:
        errors = _as_errors(incomplete)
        report(errors)
        click.echo(
            "pubconv: --strict refuses them; without it they are rendered "
            "(styles substitute the title for missing authors and write n.d.)",
            err=True,
        )
        raise ParseError(errors, reported=True)
    del allow_incomplete  # rendering incomplete publications is the default now
    report(incomplete)
    text = cv.render_cv(
        cv.titles_as(pubs, titles),
        style,
        locale,
        out_format,
        highlight=highlight,
        group_by=group_by,
        sort=sort,
        reverse=reverse,
        numbered=numbered or False,
        heading_level=heading_level,
        cache=not no_cache,
        jobs=jobs,
        renderer=_linking_renderer() if standalone else None,
    )
    if standalone:
        from pubconv.standalone import standalone_page

        text = standalone_page(text, title or "Publications", locale)
    write_output(output, text)


def _linking_renderer() -> Callable[..., list[Any]]:
    from pubconv.standalone import linking_renderer

    return linking_renderer()


@click.command()
@click.argument("query", nargs=-1, metavar="[QUERY]")
def styles(query: tuple[str, ...]) -> None:
    """List the bundled CSL styles matching every word of QUERY."""
    from pubconv.citation import list_styles
    from pubconv.citation.styles import suggest

    words = " ".join(query)
    found = list_styles(words or None)
    if not found:
        close = suggest(words.replace(" ", "-")) if words else []
        hint = f" (close names: {', '.join(close)})" if close else ""
        raise PubconvError(f"no CSL style matches {words!r}{hint}")
    width = min(max(len(name) for name, _ in found), 48)
    for name, title in found:
        click.echo(f"{name:<{width}}  {title}")


COMMANDS = [cite, styles]
