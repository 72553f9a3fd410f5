"""Every file in ``fixtures/bad/`` gives a located diagnostic, never a traceback.

Errors (what BibTeX or JSON cannot read) exit 1 and leave an existing output file untouched;
what BibTeX accepts with a warning exits 0 with a located warning on stderr.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pubconv.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "bad"

#: file -> (exit code, severity, 1-based line, pattern the message matches)
EXPECTED: dict[str, tuple[int, str, int, str]] = {
    "unbalanced-braces.bib": (1, "error", 1, r"cannot parse this block"),
    "missing-key.bib": (1, "error", 1, r"no citation key"),
    "missing-comma.bib": (0, "warning", 2, r"missing comma between fields 'title' and 'year'"),
    "duplicate-key.bib": (0, "warning", 6, r"repeated key 'same2020' \(first at .*:1:1\)"),
    "case-colliding-keys.bib": (0, "warning", 6, r"differs only by case from 'Smith2020'"),
    "repeated-field.bib": (0, "warning", 4, r"repeated field 'title'.*first value wins"),
    "unknown-month.bib": (0, "warning", 4, r"unknown month 'Smarch'"),
    "undefined-macro.bib": (0, "warning", 3, r"undefined @string 'nosuchjournal'"),
    "invalid.json": (1, "error", 4, r"invalid JSON"),
    "wrong-types.json": (1, "error", 1, r"'author' must be a list"),
    "wrong-types-items.json": (1, "error", 2, r"'family' must be a string"),
}


def test_every_bad_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_file()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_gives_a_located_diagnostic(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, severity, line, pattern = EXPECTED[name]
    source = FIXTURES / name
    target = "csljson" if name.endswith(".bib") else "bibtex"
    output = tmp_path / ("out.json" if target == "csljson" else "out.bib")
    output.write_text("previous content\n", encoding="utf-8")

    assert main(["convert", str(source), "--to", target, "-o", str(output)]) == code

    err = capsys.readouterr().err
    assert "Traceback" not in err
    located = re.compile(
        rf"^{re.escape(str(source))}:{line}:\d+: {severity}: .*{pattern}", re.MULTILINE
    )
    assert located.search(err), err
    if code == 1:
        assert output.read_text(encoding="utf-8") == "previous content\n"
    else:
        assert output.read_text(encoding="utf-8") != "previous content\n"


def test_skip_invalid_writes_the_rest_and_names_the_skipped_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out.json"
    source = FIXTURES / "unbalanced-braces.bib"
    assert (
        main(["convert", str(source), "--to", "csljson", "--skip-invalid", "-o", str(output)]) == 0
    )
    assert '"fine2020"' in output.read_text(encoding="utf-8")
    assert f"{source}:1:1: error:" in capsys.readouterr().err
