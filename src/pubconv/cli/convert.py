"""`convert`, its pairwise shorthands (`bib2csl`, `md2bib`, ...) and `formats`."""

from __future__ import annotations

import os

import click

from pubconv import api, stream
from pubconv.cli.common import (
    existing_file,
    format_name,
    input_options,
    output_format,
    read_inputs,
    report,
    require_records,
    write_result,
)
from pubconv.errors import ParseError
from pubconv.formats import REGISTRY
from pubconv.keys import adopt_keys
from pubconv.model import Bibliography
from pubconv.registry import WriteOptions

#: Shorthand commands: name -> (input format, output format).
PAIRS: dict[str, tuple[str, str]] = {
    "bib2csl": ("bibtex", "csljson"),
    "csl2bib": ("csljson", "bibtex"),
    "md2bib": ("jekyll", "bibtex"),
    "bib2md": ("bibtex", "jekyll"),
    "md2csl": ("jekyll", "csljson"),
    "csl2md": ("csljson", "jekyll"),
}


def _run(
    inputs: tuple[str, ...],
    from_format: str | None,
    to_format: str | None,
    output: str,
    skip_invalid: bool,
    ascii_only: bool,
    like: str | None,
    title: str | None = None,
    keys: tuple[str, ...] = (),
    replace: bool = False,
    dialect: str = "bibtex",
) -> None:
    if to_format is None and output == "-":
        raise click.UsageError("give --to FMT when writing to standard output")
    target = REGISTRY.get(to_format).name if to_format else output_format(output)
    if output == "-" and REGISTRY.get(target).write is None:  # known before reading the input
        raise click.UsageError(f"{target} writes a folder of files: name the folder with -o")
    if (like or title) and target != "jekyll":
        used = "--like" if like else "--title"
        raise click.UsageError(f"{used} applies only to Jekyll page output, not {target}")
    extra: tuple[tuple[str, str], ...] = (("jekyll.title", title),) if title else ()
    extra += (("bibtex.dialect", dialect),)
    if (
        not (like or title or keys)
        and (replace or not existing_file(output))  # an existing output is updated instead
        and stream.can_stream(inputs, from_format, target, output)
        and _run_streaming(
            inputs, from_format, target, output, skip_invalid, WriteOptions(ascii_only, extra=extra)
        )
    ):
        return
    bib = read_inputs(inputs, from_format, skip_invalid)
    require_records(bib, inputs, from_format)
    bib = _keep_known_keys(bib, keys, output, target)
    like_bib = read_inputs((like,), "jekyll", skip_invalid) if like else None
    options = WriteOptions(ascii=ascii_only, like=like_bib, extra=extra)
    write_result(bib, output, target, options, replace=replace)


def _run_streaming(
    inputs: tuple[str, ...],
    from_format: str | None,
    target: str,
    output: str,
    skip_invalid: bool,
    options: WriteOptions,
) -> bool:
    """A large database record by record (see :mod:`pubconv.stream`), printing what the
    whole-database path prints; False when that path must do it after all (nothing was done)."""
    done = stream.convert(inputs, output, skip_invalid, target, options, from_format)
    if done is None:
        return False
    report(done.held)
    if done.errors and not skip_invalid:
        raise ParseError(done.errors, reported=True)
    if done.errors:
        click.echo(f"pubconv: skipped {len(done.errors)} invalid block(s)", err=True)
    if not done.publications and not done.errors:  # as require_records words it
        require_records(Bibliography(), inputs, from_format or stream.input_format(inputs, None))
    report(done.notes)
    return True


def _keep_known_keys(
    bib: Bibliography, keys: tuple[str, ...], output: str, target: str
) -> Bibliography:
    """Page entries take the key the same paper has in ``--keys`` files or the existing output."""
    sources = list(keys)
    if bib.source_format == "jekyll" and target != "jekyll" and os.path.isfile(output):
        sources.append(output)
    if not sources:
        return bib
    known = [pub for path in sources for pub in api.load(path, strict=False).publications]
    return adopt_keys(bib, known)


def _keys_option(func: click.decorators.FC) -> click.decorators.FC:
    return click.option(
        "--keys",
        metavar="FILE",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="Page input: reuse the citation keys this database gives the same papers "
        "(repeatable); an existing output file is consulted too.",
    )(func)


def _page_options(func: click.decorators.FC) -> click.decorators.FC:
    func = click.option(
        "--title",
        metavar="TEXT",
        help="Jekyll output without --like: the page title in the front matter.",
    )(func)
    return click.option(
        "--like",
        metavar="PAGE.md",
        type=click.Path(exists=True, dir_okay=False),
        help="Jekyll output: reuse this page's front matter, navigation, sections and layout.",
    )(func)


def _ascii_option(func: click.decorators.FC) -> click.decorators.FC:
    """BibTeX output options: ``--ascii`` and ``--dialect``."""
    func = click.option(
        "--dialect",
        type=click.Choice(["bibtex", "biblatex"]),
        default="bibtex",
        show_default=True,
        help="BibTeX output: 'bibtex' writes year/month beside a date so classic BibTeX "
        "reads it; 'biblatex' writes new entries' dates as date only.",
    )(func)
    return click.option(
        "--ascii",
        "ascii_only",
        is_flag=True,
        help="BibTeX output: write non-ASCII characters as LaTeX escapes.",
    )(func)


def output_option(func: click.decorators.FC) -> click.decorators.FC:
    """``-o/--output``, as pandoc spells it, and ``--replace``."""
    func = click.option(
        "--replace",
        is_flag=True,
        help="Overwrite an existing OUTPUT instead of updating it (by default records are "
        "matched and fields or records only OUTPUT has are kept).",
    )(func)
    return click.option(
        "-o",
        "--output",
        default="-",
        show_default=True,
        metavar="OUTPUT",
        help="Output file, written atomically; an existing one is updated, not overwritten "
        "(see --replace); - for standard output.",
    )(func)


def _skip_invalid_option(func: click.decorators.FC) -> click.decorators.FC:
    return click.option(
        "--skip-invalid",
        is_flag=True,
        help="Write what could be read; still list every skipped block (default: write nothing).",
    )(func)


@click.command(
    epilog="""\b
Examples:
  pubconv convert refs.bib -t csljson -o refs.json
  pubconv convert -f bibtex -t csljson - < refs.bib
  pubconv convert abbrev.bib journals.bib papers.bib crossref.bib --to csl
  cat refs.json | pubconv convert - --from csl --to bib
"""
)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@input_options
@click.option(
    "-t",
    "--to",
    "to_format",
    metavar="FMT",
    callback=format_name,
    help="Output format (default: from the output file's extension).",
)
@output_option
@_ascii_option
@_page_options
@_keys_option
def convert(
    inputs: tuple[str, ...],
    from_format: str | None,
    to_format: str | None,
    output: str,
    skip_invalid: bool,
    ascii_only: bool,
    like: str | None,
    title: str | None,
    keys: tuple[str, ...],
    replace: bool,
    dialect: str,
) -> None:
    """Convert INPUT files (read as one database) to another format."""
    _run(
        inputs,
        from_format,
        to_format,
        output,
        skip_invalid,
        ascii_only,
        like,
        title,
        keys,
        replace,
        dialect,
    )


def _pair_command(name: str, source: str, target: str) -> click.Command:
    """``name`` with only the options that do something for ``source`` -> ``target``."""
    suffix = {"bibtex": "bib", "csljson": "json", "jekyll": "md"}
    example = f"pubconv {name} in.{suffix[source]} -o out.{suffix[target]}"

    def command(
        inputs: tuple[str, ...],
        output: str,
        skip_invalid: bool,
        replace: bool,
        ascii_only: bool = False,
        like: str | None = None,
        title: str | None = None,
        keys: tuple[str, ...] = (),
        dialect: str = "bibtex",
    ) -> None:
        _run(
            inputs,
            source,
            target,
            output,
            skip_invalid,
            ascii_only,
            like,
            title,
            keys,
            replace,
            dialect,
        )

    decorated = command
    if source == "jekyll" and target != "jekyll":
        decorated = _keys_option(decorated)
    if target == "jekyll":
        decorated = _page_options(decorated)
    if target == "bibtex":
        decorated = _ascii_option(decorated)
    decorated = output_option(_skip_invalid_option(decorated))
    decorated = click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")(decorated)
    return click.command(
        name=name,
        help=f"Convert {source} to {target} (= `convert -f {source} -t {target}`).\n\n\b\nExample:\n  {example}",
    )(decorated)


PAIR_COMMANDS = [_pair_command(name, src, dst) for name, (src, dst) in PAIRS.items()]


@click.command()
def formats() -> None:
    """List the formats pubconv reads and writes."""
    width = max(len(fmt.name) for fmt in REGISTRY)  # `academicpages` is longer than 10
    for fmt in REGISTRY:
        modes = ("r" if fmt.read else "-") + ("w" if fmt.write or fmt.write_tree else "-")
        names = ", ".join((fmt.name, *fmt.aliases))
        exts = " ".join(fmt.extensions)
        click.echo(f"{fmt.name:<{width}} {modes}  {exts:<16} {fmt.description} (names: {names})")


COMMANDS = [convert, formats, *PAIR_COMMANDS]
"""The commands of this module (``cli.app.LAZY_COMMANDS`` names each)."""
