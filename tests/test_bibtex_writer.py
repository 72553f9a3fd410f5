"""BibTeX writer: byte-identical write-back, changed entries, house layout, --ascii, round trips."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pubconv
from pubconv.model import Bibliography, Comment, PartialDate, Person, Publication, StringDef
from pubconv.registry import WriteOptions
from strategies import publications


def _is_text(path: Path) -> bool:
    """UTF-8 text (``fixtures/bad`` also holds UTF-16 and NUL cases, which decoding handles)."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data


def _files(fixtures: Path) -> list[Path]:
    files = sorted((fixtures / "bibtex").glob("*.bib")) + sorted((fixtures / "bad").glob("*.bib"))
    return [path for path in files if _is_text(path)]


def test_unchanged_files_are_written_back_byte_identical(fixtures: Path) -> None:
    for path in _files(fixtures):
        data = path.read_bytes()
        if b"\x00" in data or data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue  # binary and UTF-16 cases: tests/bad_cases.py gives their outcomes
        text = data.decode("utf-8")
        bib = pubconv.loads(text, "bibtex", strict=False)
        assert pubconv.dumps(bib, "bibtex") == text, path


def test_a_changed_entry_keeps_field_names_order_and_raw_values(fixtures: Path) -> None:
    names = ("abbrev.bib", "entries.bib")
    bib = pubconv.load([str(fixtures / "bibtex" / n) for n in names])
    deng = bib.by_key()["deng2024"]
    changed = dataclasses.replace(deng, title="A New Title")
    out = pubconv.dumps(bib.replace_publications({"deng2024": changed}), "bibtex")
    entry = out[out.index("@Article{deng2024") :]
    entry = entry[: entry.index("\n}") + 2]
    original_entry = deng.origin.raw if deng.origin else ""
    old_title = original_entry[original_entry.index("title") :].split("=", 1)[1].split(",\n")[0]
    # Only the title's value changes; the entry keeps its own alignment, macros and quoting.
    assert entry == original_entry.replace(old_title.strip(), "{A New Title}", 1)
    assert "title     = {A New Title},\n" in entry
    # everything else in the file is untouched
    original = "".join((fixtures / "bibtex" / n).read_text(encoding="utf-8") for n in names)
    assert out == original.replace(original_entry, entry)
    again = pubconv.loads(out, "bibtex", strict=False).by_key()["deng2024"]
    assert again == changed


def test_new_entry_house_layout() -> None:
    pub = Publication(
        key="xiong2024",
        type="paper-conference",
        title="PQ-SAM for MedFinder & 50% Café",
        authors=(Person(family="Xiong", given="Zhiwei"), Person(literal="OpenAI")),
        issued=PartialDate(2024, 7),
        container_title="Medical Image Computing",
        container_short="MICCAI",
        pages="1–10",
    )
    out = pubconv.dumps(Bibliography.of([pub]), "bibtex")
    assert out == (
        "@inproceedings{xiong2024,\n"
        "  author = {Xiong, Zhiwei and {OpenAI}},\n"
        "  title = {{PQ-SAM} for {MedFinder} \\& 50\\% Café},\n"
        "  booktitle = {Medical Image Computing},\n"
        "  abbr = {MICCAI},\n"
        "  year = {2024},\n"
        "  month = jul,\n"
        "  pages = {1--10},\n"
        "}\n"
    )
    ascii_out = pubconv.dumps(Bibliography.of([pub]), "bibtex", options=WriteOptions(ascii=True))
    assert ascii_out.isascii()
    assert pubconv.loads(ascii_out, "bibtex").publications == [pub]


def test_csl_type_without_an_entry_type_travels_in_entrysubtype() -> None:
    pub = Publication(key="k", type="speech", title="Talk")
    out = pubconv.dumps(Bibliography.of([pub]), "bibtex")
    assert out.startswith("@misc{k,") and "entrysubtype = {speech}" in out
    assert pubconv.loads(out, "bibtex").publications == [pub]


def test_blocks_from_elsewhere() -> None:
    bib = Bibliography(
        blocks=[
            StringDef("j", "Journal"),
            Comment("made by hand"),
            Publication(key="k", title="T", issued=PartialDate(2020, 1, 2)),
        ]
    )
    out = pubconv.dumps(bib, "bibtex")
    assert out.startswith("@string{j = {Journal}}\n\n% made by hand\n@article{k,\n")
    assert "date = {2020-01-02}" in out
    back = pubconv.loads(out, "bibtex")
    assert back.publications == bib.publications and back.strings == bib.strings


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(publications(), min_size=1, max_size=3, unique_by=lambda p: p.key), st.booleans())
def test_bib_model_bib_round_trip_is_exact(pubs: list[Publication], ascii: bool) -> None:
    text = pubconv.dumps(Bibliography(blocks=list(pubs)), "bibtex", options=WriteOptions(ascii))
    back = pubconv.loads(text, "bibtex")
    assert not back.diagnostics
    assert back.publications == pubs
    # and the text is stable: writing what was read gives the same text
    assert pubconv.dumps(back, "bibtex", options=WriteOptions(ascii)) == text


def test_an_entry_written_as_read_keeps_its_key_when_another_record_came_first() -> None:
    """`convert page.md lab.bib`: the page's record comes first but the .bib entry is written
    back as read, so it keeps its key and the page's record is the one renamed; the streaming
    namer, which cannot look ahead, hands such a database to the whole path."""
    from pubconv.formats.bibtex.unique import StreamNamer, renamed_keys

    (read,) = pubconv.loads("@article{smith2020, title = {A}, year = 2020}\n", "bib").publications
    other = Publication(key="smith2020", type="article-journal", title="A (page)")
    assert renamed_keys([other, read]) == {id(other): "smith2020-2"}
    text = pubconv.dumps(Bibliography([other, read]), "bib")
    assert "@article{smith2020-2," in text and "@article{smith2020, title = {A}" in text
    namer = StreamNamer()
    namer.name(other)
    assert namer.exact
    namer.name(read)
    assert not namer.exact
