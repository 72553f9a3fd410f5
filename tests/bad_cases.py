"""The expected outcome of every file in ``fixtures/bad/``, and a driver that runs them all.

``python tests/bad_cases.py`` runs each case through the CLI in one process under an address-space
limit and prints ``{name: {"code", "err", "out"}}`` as JSON; ``test_bad_inputs.py`` reads it.
Running all cases in a child process bounds their memory (a case that blew up would hit the limit
and fail the run) and keeps the output files of every case apart.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "bad"
PREVIOUS = "previous content\n"
MEMORY_LIMIT = 2 * 1024**3
"""Address space the driver may use (bytes); ``@string`` doubling alone once took 4.2 GB."""


@dataclass(frozen=True)
class Case:
    """What one bad file must give: exit code(s), a located diagnostic, output contents."""

    code: int | tuple[int, ...]
    severity: str | None = None
    """``error``/``warning`` (a regex); ``None``: no diagnostic is expected."""
    line: int | None = None
    """1-based line of the diagnostic in the fixture; ``None``: any line."""
    pattern: str = ""
    args: tuple[str, ...] = ()
    """CLI arguments with ``{src}`` and ``{out}``; default ``convert {src} --to ... -o {out}``."""
    out: str = ""
    """Output file name; by default ``out.json`` for .bib/.md input and ``out.bib`` for .json."""
    has: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()
    read_error: bool | None = None
    """Whether ``pubconv.load(file)`` raises ParseError; by default: code 1 from ``convert``."""
    xfail: str | None = None
    """Why the case still fails: the branch that fixes it (strict xfail, so it flips when merged)."""
    located: bool = True
    """False: the message is not located in the fixture (``pattern`` is matched anywhere)."""

    @property
    def codes(self) -> tuple[int, ...]:
        return self.code if isinstance(self.code, tuple) else (self.code,)


CITE_INPUT = str(FIXTURES / "latex-math-input.bib")

CASES: dict[str, Case] = {
    # --- BibTeX (earlier cases) -------------------------------------------------------------
    "unbalanced-braces.bib": Case(1, "error", 1, r"cannot parse this block"),
    "missing-key.bib": Case(1, "error", 1, r"no citation key"),
    "missing-comma.bib": Case(
        0,
        "warning",
        2,
        r"missing comma between fields 'title' and 'year'",
        has=('"Missing comma"',),
    ),
    "duplicate-key.bib": Case(0, "warning", 6, r"repeated key 'same2020' \(first at .*:1:1\)"),
    "case-colliding-keys.bib": Case(0, "warning", 6, r"differs only by case from 'Smith2020'"),
    "repeated-field.bib": Case(0, "warning", 4, r"repeated field 'title'.*first value wins"),
    "unknown-month.bib": Case(0, "warning", 4, r"unknown month 'Smarch'"),
    "undefined-macro.bib": Case(0, "warning", 3, r"undefined @string 'nosuchjournal'"),
    # --- BibTeX: limits and checks ---------------------------------------------------------
    "string-doubling.bib": Case(1, "error", 18, r"@string 's17': .*past 200,000 characters"),
    "impossible-date.bib": Case(
        0, "warning", 3, r"impossible date '2020-02-30': day 30 does not exist in February"
    ),
    # --- BibTeX read as BibTeX and biber read it (speed branch) --------------------------------
    "space-after-at.bib": Case(0, "warning", 1, r"", has=('"k1"', '"k2"')),
    "percent-comment-field.bib": Case(0, "warning", 2, r"%"),
    "missing-comma-next-field.bib": Case(
        0, "warning", None, r"missing comma", has=('"note": "n"',)
    ),
    "unknown-entry-type.bib": Case(0, "warning", 1, r"foobarqux"),
    "utf16-bom.bib": Case(0, "warning", 1, r"read as UTF-16 \(byte order mark\)", has=("Ünï",)),
    "cr-only.bib": Case(1, "error", 3, r""),
    "nul-late.bib": Case(1, "error", 3, r"NUL character", lacks=("\\u0000",)),
    "no-records.bib": Case(
        1,
        "error",
        None,
        r"no-records\.bib: error: no publications found; is this a bibtex file\?",
        located=False,
    ),
    # --- CSL-JSON ----------------------------------------------------------------------------
    "invalid.json": Case(1, "error", 4, r"invalid JSON"),
    "wrong-types.json": Case(1, "error", 1, r"'author' must be a list"),
    "wrong-types-items.json": Case(1, "error", 2, r"'family' must be a string"),
    "deep-array.json": Case(1, "error", 1, r"nested too deeply"),
    "deep-object.json": Case(1, "error", 1, r"nested too deeply"),
    "huge-number.json": Case(1, "error", 3, r"number with 5000 digits"),
    "nan.json": Case(1, "error", 3, r"NaN is not valid JSON"),
    "infinity.json": Case(1, "error", 3, r"Infinity is not valid JSON"),
    "lone-surrogate.json": Case(0, "warning", 3, r"lone surrogate", has=("half \ufffd a",)),
    "impossible-dates.json": Case(
        0, "warning", 2, r"impossible date '2020-13-45': month 13 is not 1-12"
    ),
    "injected-keys.json": Case(
        0, "warning", 2, r"BibTeX cannot hold it; written as", lacks=("@misc{evil", "@book{,")
    ),
    # --- Jekyll pages --------------------------------------------------------------------------
    "deep-front-matter.md": Case(0, "warning", 2, r"nested more than 50 levels"),
    "unclosed-spans.md": Case(0, has=('"title": "Deep Title"',)),
    "comment-line-breaks.md": Case(0, has=('"title": "A Paper"',)),  # was IndexError (fuzzing)
    # --- what the regex sweep found quadratic (80,000 spaces took 79 s; 8,000 \( took 3.5 s) --
    "long-author-spaces.bib": Case(0, has=('"family": "Chen"',)),
    "math-openers.bib": Case(0, has=('"id": "k"',)),
    # --- outputs: links, LaTeX, CSL styles -----------------------------------------------------
    "javascript-link.bib": Case(
        0,
        "warning",
        1,
        r"link 'PDF' \(unsafe scheme 'javascript'",
        args=("bib2md", "{src}", "-o", "{out}"),
        out="out.md",
        has=("https://github.com/x/y",),
        lacks=("javascript",),
    ),
    "abstract-id-injection.bib": Case(
        0,
        "warning",
        1,
        r"abstract id .* as given \(written as 'a_alert_1'\)",
        args=("bib2md", "{src}", "-o", "{out}"),
        out="out.md",
        has=('expandABS("a_alert_1")', 'id="b_onmouseover_alert_2"'),
        lacks=("alert(1)", "onmouseover='"),
    ),
    "latex-math-input.bib": Case(
        0,
        args=("cite", "{src}", "--format", "latex", "--no-cache", "-o", "{out}"),
        out="out.tex",
        has=(r"Innocent \$\textbackslash{}input\{secret.txt\}\$ end",),
        lacks=(r"$\input",),
    ),
    "macro-loop.csl": Case(
        1,
        "error",
        None,
        r"macro-loop.csl:5: macro 'a' calls itself: a -> b -> a",
        located=False,
        args=("cite", CITE_INPUT, "--style", "{src}", "--no-cache", "-o", "{out}"),
        out="out.txt",
        read_error=False,
    ),
    "undefined-macro.csl": Case(
        1,
        "error",
        None,
        r"undefined-macro.csl:6: macro 'editors' is not defined in the style",
        located=False,
        args=("cite", CITE_INPUT, "--style", "{src}", "--no-cache", "-o", "{out}"),
        out="out.txt",
        read_error=False,
    ),
}


def command(name: str, case: Case, out: Path) -> list[str]:
    """The CLI arguments that run ``case``."""
    src = str(FIXTURES / name)
    if case.args:
        argv = [a.format(src=src, out=out) for a in case.args]
        # The old output is not of the target format: only --replace may overwrite it.
        return argv if argv[0] == "cite" else [*argv, "--replace"]
    target = "bibtex" if name.endswith(".json") else "csljson"
    # --replace: the old output is not of the target format, so it could not be updated in place.
    return ["convert", src, "--to", target, "-o", str(out), "--replace"]


def output_name(name: str, case: Case) -> str:
    """The output file a case writes."""
    return case.out or ("out.bib" if name.endswith(".json") else "out.json")


def run_all() -> dict[str, dict[str, object]]:
    """Every case through ``pubconv.cli.main``, each into a fresh folder holding an old output."""
    from pubconv.cli import main

    results: dict[str, dict[str, object]] = {}
    for name, case in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / output_name(name, case)
            out.write_text(PREVIOUS, encoding="utf-8")
            err = io.StringIO()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                try:
                    code = main(command(name, case, out))
                except BaseException as exc:
                    import traceback

                    err.write("Traceback (driver):\n" + traceback.format_exc())
                    code = -1 if not isinstance(exc, SystemExit) else int(exc.code or 0)
            results[name] = {
                "code": code,
                "err": err.getvalue(),
                "out": out.read_text(encoding="utf-8", errors="replace"),
                "temps": sorted(p.name for p in Path(tmp).iterdir() if p.name != out.name),
            }
    return results


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


if __name__ == "__main__":
    _limit_memory()
    json.dump(run_all(), sys.stdout)
