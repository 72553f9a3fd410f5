"""What every command shares: reading inputs, printing diagnostics, writing outputs."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

import click

from pubconv import api
from pubconv.errors import Diagnostic, ParseError, PubconvError, Severity, UnknownFormatError
from pubconv.formats import REGISTRY
from pubconv.model import Bibliography
from pubconv.registry import WriteOptions

F = TypeVar("F", bound=Callable[..., object])


def report(diagnostics: Sequence[Diagnostic]) -> None:
    """Print diagnostics to stderr as ``file:line:col: severity: message``, one a line, in one
    write (``cite`` of 1,000 entries may warn about 700 of them; click looks the stream up and
    flushes it on every call)."""
    if diagnostics:
        click.echo("\n".join(str(d) for d in diagnostics), err=True)


def read_inputs(inputs: Sequence[str], fmt: str | None, skip_invalid: bool) -> Bibliography:
    """Load ``inputs`` as one database; print every diagnostic.

    Any error stops the run (exit 1) unless ``skip_invalid``, which keeps the rest and still
    lists every block it skipped.
    """
    bib = api.load(list(inputs), fmt, strict=False)
    report(bib.diagnostics)
    errors = [d for d in bib.diagnostics if d.severity is Severity.ERROR]
    if errors and not skip_invalid:
        raise ParseError(errors, reported=True)
    if errors:
        click.echo(f"pubconv: skipped {len(errors)} invalid block(s)", err=True)
    return bib


def write_result(
    bib: Bibliography,
    output: str,
    fmt: str | None,
    options: WriteOptions,
    *,
    replace: bool = False,
) -> None:
    """Write ``bib`` to ``output`` (``-`` = stdout); warn about what it cannot carry.

    An existing non-empty ``output`` is updated as ``sync --write`` would (records matched,
    what only the file has kept) unless ``replace``; otherwise it is replaced atomically.
    """
    target = fmt or REGISTRY.for_path(None if output == "-" else output).name
    report(api.losses(bib, target, options=options))
    if not replace and existing_file(output):
        from pubconv.sync import update_file

        plan = update_file(output, bib.publications, target)
        report(plan.diagnostics)
        added = sum(c.action == "added" for c in plan.changes)
        updated = sum(c.action == "updated" for c in plan.changes)
        state = "updated" if plan.updates else "already up to date"
        click.echo(
            f"pubconv: {output} {state}: {added} added, {updated} updated, "
            f"{len(plan.pairs) - updated} unchanged (--replace to overwrite the file)",
            err=True,
        )
        return
    api.dump(bib, output, fmt, options=options)


def existing_file(output: str) -> bool:
    """A non-empty regular file to update; ``/dev/stdout`` and other stream names are written
    through as they are, even when they lead to a file (``>> log``)."""
    if output == "-" or os.path.abspath(output).startswith(("/dev/", "/proc/")):
        return False
    return os.path.isfile(output) and os.path.getsize(output) > 0


def require_records(bib: Bibliography, inputs: Sequence[str], fmt: str | None) -> None:
    """No command exits 0 having read nothing: an input with no records is an error."""
    if bib.publications or bib.errors:
        return
    what = fmt or bib.source_format or "publication"
    names = ", ".join("<stdin>" if p == "-" else p for p in inputs)
    raise PubconvError(
        f"{names}: no publications found; is this a {what} file? (--from to choose another format)"
    )


def format_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Callback for ``-f``/``-t``: a format name no format has is a usage error (exit 2, with
    the known names), found before any input is read, not a failed run (exit 1).

    ``cite`` checks its ``-f`` itself, after telling ``-f html`` (an output format) apart.
    """
    if value is not None and ctx.command.name != "cite":
        check_format_name(value, param.get_error_hint(ctx))
    return value


def check_format_name(value: str, hint: str) -> None:
    """Raise a usage error (exit 2) unless ``value`` names a registered format."""
    try:
        REGISTRY.get(value)
    except UnknownFormatError as exc:
        raise click.BadParameter(str(exc), param_hint=hint) from None


def output_format(output: str) -> str:
    """The format of ``-o OUTPUT`` from its extension (or, for a folder, its files).

    Telling it is the user's job when it cannot be told, so that is a usage error that names
    ``--to`` (the registry's own message also offers ``--from``, which is no help here).
    """
    try:
        return REGISTRY.for_path(output).name
    except UnknownFormatError:
        if os.path.isdir(output):
            folders = ", ".join(REGISTRY.folder_formats())
            hint = f"{output!r} is a folder; name a folder format with --to ({folders})"
        else:
            known = ", ".join(fmt.name for fmt in REGISTRY)
            hint = f"cannot tell the output format of {output!r}; name it with --to ({known})"
        raise click.UsageError(hint) from None


def input_options(func: F) -> F:
    """``--from`` and ``--skip-invalid``, shared by every command that reads."""
    func = click.option(
        "--skip-invalid",
        is_flag=True,
        help="Write what could be read; still list every skipped block (default: write nothing).",
    )(func)
    func = click.option(
        "-f",
        "--from",
        "from_format",
        metavar="FMT",
        callback=format_name,
        help="Input format (default: from the extension, else sniffed). See `pubconv formats`.",
    )(func)
    return func


def stdout_is_file(output: str) -> bool:
    """True when ``output`` is a real file rather than stdout."""
    return output != "-" and sys.stdout is not None
