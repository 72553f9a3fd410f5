"""Every file in ``fixtures/bad/`` gives its documented outcome, through the CLI and the API.

The CLI runs all cases in one child process under a memory limit (``bad_cases.py``): no
traceback, the documented exit code, a located ``file:line:col: severity: message``, an existing
output file untouched on error (and no temp file left), the expected output otherwise.  The API
(``load``/``loads``) never raises anything but pubconv's own errors on the same files.
Cases another branch fixes are strict xfails, so they flip to failures (to be un-marked) when
that branch lands.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import pubconv
from bad_cases import CASES, FIXTURES, PREVIOUS, Case, output_name
from pubconv.errors import ParseError, PubconvError

SRC = Path(__file__).resolve().parent.parent / "src"
READABLE = (".bib", ".json", ".md")


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, object]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(Path(__file__).parent)])}
    done = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "bad_cases.py")],
        capture_output=True,
        env=env,
        timeout=600,  # a hang guard, not a timing assertion
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    data: dict[str, dict[str, object]] = json.loads(done.stdout)
    return data


def test_every_bad_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_file()) == sorted(CASES)


def _params() -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=case.xfail))
        if case.xfail
        else name
        for name, case in sorted(CASES.items())
    ]


@pytest.mark.parametrize("name", _params())
def test_cli_outcome(name: str, results: dict[str, dict[str, object]]) -> None:
    case = CASES[name]
    got = results[name]
    err, out = str(got["err"]), str(got["out"])
    assert "Traceback" not in err, err
    assert got["code"] in case.codes, err
    if case.severity is not None:
        where = ""
        if case.located:
            line = str(case.line) if case.line is not None else r"\d+"
            where = re.escape(str(FIXTURES / name)) + rf":{line}(:\d+)?: (?:{case.severity}): .*"
        assert re.search(where + case.pattern, err, re.M), err
    else:
        assert f"{FIXTURES / name}:" not in err, err
    if got["code"] == 1:
        assert out == PREVIOUS, "a failed run changed the existing output"
    for text in case.has:
        assert text in out, out[:2000]
    for text in case.lacks:
        assert text not in out, out[:2000]
    assert got["temps"] == [], "temp files left behind"


def _api_case(name: str) -> Case:
    case = CASES[name]
    if case.read_error is None:
        return Case(case.code, read_error=case.codes == (1,) and not case.args, xfail=case.xfail)
    return case


@pytest.mark.parametrize("name", sorted(n for n in CASES if n.endswith(READABLE)))
def test_api_raises_only_pubconv_errors(name: str) -> None:
    path = FIXTURES / name
    fmt = {".bib": "bib", ".json": "csljson", ".md": "jekyll"}[path.suffix]
    # lenient reading reports bad content as diagnostics; only undecodable bytes raise (ParseError)
    with contextlib.suppress(PubconvError):
        assert isinstance(pubconv.load(str(path), strict=False), pubconv.Bibliography)
    with contextlib.suppress(PubconvError):
        pubconv.loads(path.read_bytes(), fmt, path=str(path), strict=False)
    case = _api_case(name)
    if case.xfail:
        return
    if case.read_error:
        with pytest.raises(ParseError):
            pubconv.load(str(path))
    else:
        pubconv.load(str(path))


def test_skip_invalid_writes_the_rest_and_names_the_skipped_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pubconv.cli import main

    output = tmp_path / "out.json"
    source = FIXTURES / "unbalanced-braces.bib"
    assert (
        main(["convert", str(source), "--to", "csljson", "--skip-invalid", "-o", str(output)]) == 0
    )
    assert '"fine2020"' in output.read_text(encoding="utf-8")
    assert f"{source}:1:1: error:" in capsys.readouterr().err


def test_output_names_are_distinct_per_case() -> None:
    assert all(output_name(n, c) for n, c in CASES.items())


def test_lone_surrogate_csljson_back_to_csljson_writes_the_replacement(tmp_path: Path) -> None:
    """The reader replaces a lone surrogate with U+FFFD and warns; an unchanged item written back
    to CSL-JSON is written from its own text, which must get the same replacement (the writer
    refused it: no UTF-8 file can hold half a character)."""
    out = tmp_path / "out.json"
    done = subprocess.run(
        [sys.executable, "-m", "pubconv", "convert", str(FIXTURES / "lone-surrogate.json"),
         "-t", "csljson", "-o", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "lone surrogate" in done.stderr
    (item,) = json.loads(out.read_text(encoding="utf-8"))
    assert item["title"] == "half \ufffd a character"
