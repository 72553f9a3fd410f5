"""The Python API refuses wrong argument types with pubconv's ArgumentError, never a raw
TypeError/AttributeError from deep inside, and never reads a bytes "path" as file descriptors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import pubconv
from pubconv.errors import ArgumentError, ParseError, PubconvError


@pytest.mark.parametrize(
    ("call", "args"),
    [
        ("loads", (None, "bib")),
        ("loads", (123, "bib")),
        ("loads", ("@misc{k}", 5)),
        ("load", (None,)),
        ("load", (42,)),
        ("load", (b"refs.bib",)),
        ("load", ([b"refs.bib"],)),
        ("load", (["refs.bib", None],)),
        ("dumps", ([1], "bib")),
        ("dumps", (42, "bib")),
        ("dumps", (None, "bib")),
        ("dumps", (pubconv.Bibliography(), None)),
        ("dump", (pubconv.Bibliography(), 3)),
    ],
)
def test_wrong_types_raise_argument_error(call: str, args: tuple[object, ...]) -> None:
    with pytest.raises(ArgumentError) as caught:
        getattr(pubconv, call)(*args)
    assert isinstance(caught.value, PubconvError) and isinstance(caught.value, TypeError)
    assert call in str(caught.value)


def test_loads_sniffs_and_dumps_takes_any_iterable_of_publications() -> None:
    bib = pubconv.loads("@misc{k, title={T}}")  # no format: sniffed, as issue 14 asks
    assert pubconv.dumps([p for p in bib if p.key == "k"], "bib") == pubconv.dumps(bib, "bib")
    assert pubconv.dumps([], "bib") == ""


@pytest.mark.parametrize(
    "args",
    [(None,), ("refs.bib",), ([1, 2],), ([pubconv.Publication("k")], 5), ([], "apa", None)],
    ids=["none", "a-path-string", "not-publications", "style-int", "locale-none"],
)
def test_cite_refuses_wrong_types(args: tuple[object, ...]) -> None:
    with pytest.raises(ArgumentError, match="cite"):
        pubconv.cite(*args, cache=False)  # type: ignore[arg-type]


def test_load_bytes_never_touches_a_file_descriptor() -> None:
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, b"x")
        with pytest.raises(ArgumentError):
            pubconv.load(bytes([read_end]))
        assert os.read(read_end, 1) == b"x"  # still open, still unread
    finally:
        os.close(read_end)
        os.close(write_end)


def test_loads_takes_bytes_and_paths_take_pathlib(tmp_path: Path) -> None:
    assert [p.key for p in pubconv.loads(b"@misc{k, title={T}}", "bib")] == ["k"]
    path = tmp_path / "refs.bib"
    path.write_text("@misc{k, title={T}}\n", encoding="utf-8")
    assert [p.key for p in pubconv.load(path)] == ["k"]
    pubconv.dump(pubconv.load(path), tmp_path / "out.json")
    assert '"id": "k"' in (tmp_path / "out.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text", ["[" * 100_000, '{"a":' * 3000, "[1e999]", "[NaN]", "[" + "9" * 5000 + "]"]
)
def test_loads_of_malformed_csljson_raises_parse_error(text: str) -> None:
    with pytest.raises(ParseError):
        pubconv.loads(text, "csljson")


def test_dump_empties_a_file_only_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    out.write_text("@misc{k, title={T}}\n", encoding="utf-8")
    with pytest.raises(pubconv.WriteError, match="empty"):
        pubconv.dump(pubconv.Bibliography(), out)
    assert out.read_text(encoding="utf-8") == "@misc{k, title={T}}\n"
    pubconv.dump(pubconv.Bibliography(), out, allow_empty=True)
    assert out.read_text(encoding="utf-8") == ""
