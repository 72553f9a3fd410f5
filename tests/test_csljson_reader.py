"""CSL-JSON reader and writer: located diagnostics for bad input, write-back, layout, sniffing."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pubconv
from pubconv.errors import Severity
from pubconv.formats import REGISTRY
from pubconv.formats.csljson import sniff
from pubconv.model import Bibliography, Publication, Verbatim
from pubconv.registry import Source, WriteOptions
from strategies import publications

FORMAT = REGISTRY.get("csljson")
assert FORMAT.read is not None and FORMAT.write is not None
read, write = FORMAT.read, FORMAT.write


def _read(text: str, path: str = "x.json") -> Bibliography:
    return read([Source(text, path)])


def _where(bib: Bibliography) -> list[tuple[str, int | None, int | None]]:
    return [(d.severity.value, d.line, d.column) for d in bib.diagnostics]


BAD = {
    "invalid-syntax.json": [("error", 3, 14)],
    "truncated.json": [("error", 4, 1)],
    "trailing-comma.json": [("error", 3, 1)],
    "not-a-list.json": [("error", 1, 1)],
    "item-not-object.json": [("error", 2, 3)],
    "author-not-list.json": [("error", 3, 4)],
    "bad-date-parts.json": [("error", 3, 4)],
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_gives_located_errors(fixtures: Path, name: str) -> None:
    path = fixtures / "csljson" / "bad" / name
    bib = _read(path.read_text(encoding="utf-8"), str(path))
    assert _where(bib) == BAD[name]
    assert all(str(d).startswith(f"{path}:") for d in bib.diagnostics)


def test_items_before_a_syntax_error_are_read_and_the_rest_kept(fixtures: Path) -> None:
    text = (fixtures / "csljson" / "bad" / "truncated.json").read_text(encoding="utf-8")
    bib = _read(text)
    assert [p.key for p in bib.publications] == ["a", "b"]
    failed = [b for b in bib.blocks if isinstance(b, Verbatim)]
    assert len(failed) == 1 and failed[0].kind == "failed"
    assert failed[0].text == text[text.index("\n", text.index('"b"')) + 1 :]


def test_wrong_type_items_are_kept_verbatim_and_others_read(fixtures: Path) -> None:
    text = (fixtures / "csljson" / "bad" / "item-not-object.json").read_text(encoding="utf-8")
    bib = _read(text)
    assert [p.key for p in bib.publications] == ["ok"]
    assert [b.text for b in bib.blocks if isinstance(b, Verbatim)] == ['"just a string"']


def test_duplicate_ids_warn_and_csljson_keeps_both(fixtures: Path) -> None:
    text = (fixtures / "csljson" / "bad" / "duplicate-ids.json").read_text(encoding="utf-8")
    bib = _read(text)
    assert _where(bib) == [("warning", 3, 3), ("warning", 4, 3)]
    assert "first at x.json:2:3" in bib.diagnostics[0].message
    assert [p.title for p in bib.publications] == ["First", "Other case"]
    assert json.loads(write(bib, WriteOptions())) == json.loads(text)
    assert [p["title"] for p in json.loads(pubconv.dumps(bib, "csljson"))] == [
        "First",
        "Second",
        "Other case",
    ]


def test_duplicate_ids_across_sources_are_one_database() -> None:
    one = Source('[{"id": "a", "type": "book"}]', "one.json")
    two = Source('[{"id": "a", "type": "report"}]', "two.json")
    bib = read([one, two])
    assert len(bib.publications) == 1
    assert bib.diagnostics[0].path == "two.json"
    assert "one.json:1:2" in bib.diagnostics[0].message


def test_warnings_for_odd_values_are_located() -> None:
    text = (
        "[\n"
        ' {"id": "a", "type": "misc",\n'
        '  "original-title": ["x"],\n'
        '  "issued": {"date-parts": [["spring", 2020]]},\n'
        '  "title": "A", "title": "B"}\n'
        "]\n"
    )
    bib = _read(text)
    assert {(d.severity, d.line) for d in bib.diagnostics} == {
        (Severity.WARNING, 2),
        (Severity.WARNING, 3),
        (Severity.WARNING, 4),
        (Severity.WARNING, 5),
    }
    assert len(bib.publications) == 1
    assert json.loads(write(bib, WriteOptions()))[0]["issued"] == {"date-parts": [["spring", 2020]]}


def test_items_without_id_get_a_key_and_are_written_without_one() -> None:
    text = '[{"type": "book", "title": "A"}, {"type": "book", "title": "B"}]'
    bib = _read(text)
    assert [p.key for p in bib.publications] == ["item-1", "item-2"]
    assert [d.severity for d in bib.diagnostics] == [Severity.WARNING, Severity.WARNING]
    bib.blocks = [dataclasses.replace(p, note="edited") for p in bib.publications]
    assert json.loads(write(bib, WriteOptions())) == [
        {"type": "book", "title": "A", "note": "edited"},
        {"type": "book", "title": "B", "note": "edited"},
    ]


def test_single_object_and_empty_array() -> None:
    assert [p.key for p in _read('{"id": "only", "type": "book"}')] == ["only"]
    assert len(_read("[ ]")) == 0 and not _read("[ ]").diagnostics
    assert _read("   ").errors


def test_writer_layout() -> None:
    pub = Publication(key="b", type="book", title="Ü & <i>x</i>")
    text = write(Bibliography.of([pub]), WriteOptions())
    assert text == (
        '[\n  {\n    "id": "b",\n    "type": "book",\n    "title": "Ü & <i>x</i>"\n  }\n]\n'
    )
    assert write(Bibliography(), WriteOptions()) == "[]\n"
    # an unchanged item read in another key order is written back in that order
    again = '[{"title": "Ü & <i>x</i>", "type": "book", "id": "b"}]'
    assert list(json.loads(write(_read(again), WriteOptions()))[0]) == ["title", "type", "id"]


def test_repeated_keys_are_written_once_first_wins() -> None:
    first, second = Publication(key="k", title="first"), Publication(key="k", title="second")
    items = json.loads(write(Bibliography.of([first, second]), WriteOptions()))
    assert [i["title"] for i in items] == ["first"]


def test_sniffing() -> None:
    assert sniff('[\n {"id": "a"}]') and sniff("[]") and sniff('{"type": "book"}')
    assert not sniff("@article{a,}") and not sniff("[1, 2]") and not sniff('{"a": 1}')


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(publications(), min_size=1, max_size=4, unique_by=lambda p: p.key))
def test_csljson_text_round_trip_is_exact(pubs: list[Publication]) -> None:
    text = write(Bibliography.of(pubs), WriteOptions())
    bib = _read(text)
    assert not bib.diagnostics
    assert bib.publications == pubs
    assert write(bib, WriteOptions()) == text
    stripped = Bibliography.of([dataclasses.replace(p, origin=None) for p in bib.publications])
    assert write(stripped, WriteOptions()) == text


def test_cli_bad_input_exits_1_and_leaves_output_untouched(fixtures: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("keep me", encoding="utf-8")
    bad = fixtures / "csljson" / "bad" / "author-not-list.json"
    run = subprocess.run(
        [sys.executable, "-m", "pubconv", "convert", str(bad), "--to", "csljson", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert f"{bad}:3:4: error:" in run.stderr
    assert "Traceback" not in run.stderr
    assert out.read_text(encoding="utf-8") == "keep me"


json_ish = st.text(alphabet='[]{}",: \n0123456789abidtype-\\u', max_size=60)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(json_ish)
def test_any_text_reads_without_raising_and_writes_valid_json(text: str) -> None:
    bib = _read(text)
    for d in bib.diagnostics:
        assert d.line is not None and d.line >= 1 and d.column is not None and d.column >= 1
    assert isinstance(json.loads(write(bib, WriteOptions())), list)
