"""The skeleton every format relies on: registry lookup, atomic writes, CLI exit codes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pubconv import Bibliography, Publication, UnknownFormatError
from pubconv.cli import main
from pubconv.errors import LineIndex, ParseError
from pubconv.formats import REGISTRY
from pubconv.registry import Format, Registry
from pubconv.textio import decode, write_output


def test_registry_finds_formats_by_name_alias_and_extension() -> None:
    assert REGISTRY.get("bib").name == "bibtex"
    assert REGISTRY.get("CSL").name == "csljson"
    assert REGISTRY.get("md").name == "jekyll"
    assert REGISTRY.for_path("refs.BIB").name == "bibtex"
    assert REGISTRY.for_path("items.json").name == "csljson"
    assert REGISTRY.for_path("page.markdown").name == "jekyll"


def test_registry_sniffs_content_when_the_extension_says_nothing() -> None:
    assert REGISTRY.for_path("refs.txt", "  @article{k, title={T}}").name == "bibtex"
    assert REGISTRY.for_path(None, '[{"id": "k"}]').name == "csljson"


def test_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(UnknownFormatError, match=r"known: .*bibtex"):
        REGISTRY.get("ris")
    with pytest.raises(UnknownFormatError, match="--from/--to"):
        REGISTRY.for_path("notes.txt", "plain words")


def test_a_registry_refuses_a_name_taken_twice() -> None:
    registry = Registry()
    registry.add(Format("one", "first", aliases=("x",)))
    with pytest.raises(ValueError, match="already registered"):
        registry.add(Format("two", "second", aliases=("X",)))


def test_line_index_is_one_based() -> None:
    index = LineIndex("ab\ncd\n\nef")
    assert index.position(0) == (1, 1)
    assert index.position(4) == (2, 2)
    assert index.position(7) == (4, 1)
    assert index.line_start(2) == 3


def test_decode_refuses_binary_and_falls_back_to_latin1() -> None:
    with pytest.raises(ParseError, match="binary"):
        decode(b"@article{\x00\x01", "junk.bin")
    text, notes = decode("Müller".encode("latin-1"), "old.bib")
    assert text == "Müller"
    assert notes and "Latin-1" in notes[0].message and notes[0].line == 1


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.bib"
    target.write_text("old content\n", encoding="utf-8")
    os.chmod(target, 0o600)

    with pytest.raises(TypeError):
        write_output(str(target), 12345)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bib"], "temp file left behind"
    write_output(str(target), "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert os.stat(target).st_mode & 0o777 == 0o600


def test_bibliography_first_key_wins() -> None:
    first, second = Publication("k", title="First"), Publication("k", title="Second")
    assert Bibliography.of([first, second]).by_key()["k"].title == "First"


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert "pubconv" in capsys.readouterr().out
    assert main(["convert", "--no-such-option"]) == 2
    assert main(["convert", str(tmp_path / "missing.bib"), "--to", "csl"]) == 1
    err = capsys.readouterr().err
    assert "missing.bib: error: cannot read" in err and "Traceback" not in err
    # a wrong format name is a usage error (exit 2), as `cite -t docx` is
    assert main(["convert", str(tmp_path / "x.bib"), "--to", "nosuchformat"]) == 2


def test_formats_command_lists_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats"]) == 0
    out = capsys.readouterr().out
    for name in ("bibtex", "csljson", "jekyll"):
        assert name in out
