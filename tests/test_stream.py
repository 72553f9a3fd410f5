"""Large BibTeX -> CSL-JSON conversions stream record by record (issue 10, scale) and write
exactly what reading the whole database writes; errors still write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

import pubconv
from pubconv import stream
from pubconv.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def always_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stream whatever the input size (the threshold keeps small files on the whole path), and
    cut files at every block start (pieces of a megabyte at real sizes)."""
    monkeypatch.setattr(stream, "STREAM_BYTES", 0)
    monkeypatch.setattr(stream, "PIECE_BYTES", 1)


def _whole(paths: list[Path]) -> str:
    return pubconv.dumps(pubconv.load([str(p) for p in paths], "bibtex", strict=False), "csljson")


def _whole_diagnostics(paths: list[Path]) -> list[str]:
    bib = pubconv.load([str(p) for p in paths], "bibtex", strict=False)
    return [str(d) for d in bib.diagnostics]


def test_streamed_output_is_the_whole_database_output(
    always_stream: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = FIXTURES / "bad" / "bibtex"
    sources = [
        FIXTURES / "bibtex" / "abbrev.bib",
        FIXTURES / "cv" / "incomplete.bib",
        bad / "comment-lines.bib",
        bad / "unknown-type.bib",
        FIXTURES / "bad" / "duplicate-key.bib",
    ]
    assert stream.can_stream([str(p) for p in sources], None, "csljson", str(tmp_path / "o.json"))
    output = tmp_path / "out.json"
    assert main(["convert", *map(str, sources), "--to", "csljson", "-o", str(output)]) == 0
    assert output.read_text(encoding="utf-8") == _whole(sources)
    assert list(tmp_path.iterdir()) == [output]
    err = capsys.readouterr().err
    assert err.splitlines() == _whole_diagnostics(sources)
    assert "comment-lines.bib:3:1: warning: `%` comment" in err
    assert "repeated key 'same2020'" in err


@pytest.mark.corpus
def test_streamed_corpus_files_match(
    always_stream: None, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plume = corpus / "bibtex" / "plume-bib-perf"
    for name in ("crossrefs.bib", "prefetch.bib", "partoseq.bib"):
        source = plume / name
        output = tmp_path / f"{name}.json"
        assert stream.can_stream([str(source)], None, "csljson", str(output)), name
        assert main(["convert", str(source), "--to", "csljson", "-o", str(output)]) == 0
        assert output.read_text(encoding="utf-8") == _whole([source]), name
        assert capsys.readouterr().err.splitlines() == _whole_diagnostics([source]), name
    # only @string macros: no publication, so an error as on the whole path (nothing written)
    source = plume / "bibstring-master.bib"
    output = tmp_path / "strings.json"
    assert stream.can_stream([str(source)], None, "csljson", str(output))
    assert main(["convert", str(source), "--to", "csljson", "-o", str(output)]) == 1
    assert not output.exists()
    err = capsys.readouterr().err.splitlines()
    assert err[:-1] == _whole_diagnostics([source])
    assert err[-1].endswith(
        "no publications found; is this a bibtex file? (--from to choose another format)"
    )


def test_an_error_writes_nothing_and_leaves_no_temp_file(
    always_stream: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = FIXTURES / "bad" / "unbalanced-braces.bib"
    output = tmp_path / "out.json"
    output.write_text("previous content\n", encoding="utf-8")
    assert main(["convert", str(source), "--to", "csljson", "-o", str(output)]) == 1
    assert output.read_text(encoding="utf-8") == "previous content\n"
    assert list(tmp_path.iterdir()) == [output]
    err = capsys.readouterr().err
    assert err.splitlines()[:-1] == _whole_diagnostics([source])
    assert f"{source}:1:1: error: cannot parse this block" in err
    # "previous content" is not CSL-JSON, so only --replace may overwrite it
    argv = ["convert", str(source), "--to", "csl", "--skip-invalid", "-o", str(output), "--replace"]
    assert main(argv) == 0
    assert '"fine2020"' in output.read_text(encoding="utf-8")


def test_what_cannot_stream_reads_the_whole_database(tmp_path: Path) -> None:
    crossref = FIXTURES / "bibtex" / "entries.bib"  # holds `crossref = {miccai2023}`
    entries = str(FIXTURES / "cv" / "incomplete.bib")
    out = str(tmp_path / "o.json")
    assert not stream.can_stream([entries], None, "csljson", out)  # small
    stream.STREAM_BYTES, saved = 0, stream.STREAM_BYTES
    try:
        assert stream.can_stream([entries], None, "csljson", out)
        assert not stream.can_stream([str(crossref)], None, "csljson", out)  # needs parents
        assert not stream.can_stream([entries], None, "csljson", "-")
        assert not stream.can_stream([entries], "csljson", "csljson", out)  # not CSL-JSON
        assert not stream.can_stream([entries], None, "jekyll", str(tmp_path / "o.md"))
        assert stream.can_stream([entries], None, "bibtex", str(tmp_path / "o.bib"))
        sample = str(FIXTURES / "csljson" / "sample.json")
        assert stream.can_stream([sample], None, "bibtex", str(tmp_path / "o.bib"))
        assert not stream.can_stream([entries, sample], None, "csljson", out)  # two formats
        xdata = tmp_path / "xdata.bib"
        xdata.write_text("@xdata{x, publisher={P}}\n@book{b, xdata = {x}, title={T}}\n")
        assert not stream.can_stream([str(xdata)], None, "csljson", out)  # inherits
    finally:
        stream.STREAM_BYTES = saved
