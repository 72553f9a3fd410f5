"""academicpages ``_publications/``: reading (spot values), citation recovery, write-back."""

from __future__ import annotations

import dataclasses
import filecmp
import shutil
from pathlib import Path
from typing import Any

import pytest

import pubconv
from casing import csl_items
from pubconv.cli import main
from pubconv.formats.academicpages.citation import recover
from pubconv.model import Link, PartialDate, Person, Publication


def _folder(corpus: Path) -> Path:
    return corpus / "jekyll-other" / "academicpages-dcastrop" / "_publications"


def _by_file(bib: pubconv.Bibliography) -> dict[str, Publication]:
    return {Path(p.origin.path).name: p for p in bib if p.origin and p.origin.path}


def _csl(bib: pubconv.Bibliography) -> list[dict[str, Any]]:
    return csl_items(bib)


@pytest.mark.corpus
def test_the_corpus_site_reads_one_record_per_file(corpus: Path) -> None:
    bib = pubconv.load(str(_folder(corpus)))
    assert len(bib) == 14
    assert bib.source_format == "academicpages"
    papers = _by_file(bib)
    camp = papers["2020-oopsla-camp.md"]
    assert camp.title == "CAMP: cost-aware multiparty session protocols"
    assert camp.authors == (Person("Castro-Perez", "David"), Person("Yoshida", "Nobuko"))
    assert camp.issued == PartialDate(2020)
    assert camp.container_title == "PACMPL 4(OOPSLA)"
    assert camp.type == "article-journal"  # the site writes journals as `journal:`
    assert camp.pages == "155:1-155:30"
    assert camp.links == (Link("Paper", "files/2020-oopsla-camp.pdf"),)
    prole = papers["2010-prole.md"]
    assert [p.display() for p in prole.authors] == [
        "David Castro",
        "Víctor M. Gulías",
        "Clara Benac Earle",
        "Lars-Åke Fredlund",
        "Samuel Rivas",
    ]
    assert prole.container_title == "PROLE"
    assert prole.issued == PartialDate(2010)
    assert (prole.abstract or "").startswith("In this paper we present a work in progress")
    thesis = papers["2018-castro-thesis.md"]
    assert thesis.container_title == "University of St Andrews, UK,"  # as written
    synthetic = papers["2026-popl-synthetic.md"]
    assert synthetic.pages is None  # `pages: ''`
    assert synthetic.abstract is None
    assert synthetic.get_extra("toappear") == "true"
    assert not bib.diagnostics


@pytest.mark.corpus
def test_the_corpus_site_writes_back_byte_identical(corpus: Path, tmp_path: Path) -> None:
    bib = pubconv.load(str(_folder(corpus)))
    out = tmp_path / "_publications"
    pubconv.dump(bib, str(out), "academicpages")
    compared = filecmp.dircmp(_folder(corpus), out)
    assert sorted(compared.same_files) == sorted(p.name for p in _folder(corpus).iterdir())
    assert not compared.diff_files and not compared.left_only and not compared.right_only
    for name in compared.same_files:  # dircmp compares stat; compare the bytes too
        assert (out / name).read_bytes() == (_folder(corpus) / name).read_bytes()


@pytest.mark.corpus
def test_corpus_through_bibtex_gives_the_same_csl_as_directly(corpus: Path) -> None:
    bib = pubconv.load(str(_folder(corpus)))
    via = pubconv.loads(pubconv.dumps(bib, "bibtex"), "bibtex")
    assert _csl(via) == _csl(bib)


def test_fields_only_in_the_citation_are_recovered_with_a_located_warning(
    fixtures: Path,
) -> None:
    bib = pubconv.load(str(fixtures / "academicpages" / "_publications"))
    papers = _by_file(bib)
    first = papers["2009-10-01-paper-title-number-1.md"]
    assert first.authors == (Person("Your Name", "You"),)
    assert (first.volume, first.issue, first.pages) == ("1", "1", None)
    assert first.issued == PartialDate(2009, 10, 1)
    third = papers["2015-10-01-paper-title-number-3.md"]
    assert [p.display() for p in third.authors] == ["A. Ruiz", "L. Wei", "C. Moreau"]
    assert (third.volume, third.issue, third.pages) == ("7", "2", "101–117")
    assert third.title == "Sparse Fields & <i>Depth</i> Maps"
    assert third.container_title == "Proceedings of the Conference on Events & Depth"
    assert third.award == "Best Paper"
    notes = sorted(str(d) for d in bib.diagnostics)
    folder = fixtures / "academicpages" / "_publications"
    assert notes == [
        f"{folder / '2009-10-01-paper-title-number-1.md'}:12:1: warning: "
        "authors, volume, issue recovered from the formatted citation string",
        f"{folder / '2015-10-01-paper-title-number-3.md'}:10:1: warning: "
        "authors, volume, issue, pages recovered from the formatted citation string",
    ]
    zooid = papers["2021-pldi-zooid.md"]  # authors in the front matter: nothing recovered
    assert zooid.authors[1] == Person("Wei", "Li", roles=("equal",))
    assert zooid.keywords == ("session types", "Coq")


@pytest.mark.parametrize(
    ("citation", "authors", "volume", "issue", "pages"),
    [
        (
            'J. Smith and A. Doe, "A title, with a comma," <i>J. Opt.</i>, vol. 3, no. 2, '
            "pp. 1-10, 2020.",
            ["J. Smith", "A. Doe"],
            "3",
            "2",
            "1-10",
        ),
        (
            "Ana Ruiz, Bo Chen (2024). &quot;Sparse 3-D.&quot; <i>CVPR</i>, 155:1-155:30.",
            ["Ana Ruiz", "Bo Chen"],
            None,
            None,
            "155:1-155:30",
        ),
        ("Just a title. <i>Somewhere</i>.", [], None, None, None),
    ],
)
def test_citation_styles_recover(
    citation: str, authors: list[str], volume: str | None, issue: str | None, pages: str | None
) -> None:
    got = recover(citation)
    assert [p.display() for p in got.authors] == authors
    assert (got.volume, got.issue, got.pages) == (volume, issue, pages)


def test_fixture_site_round_trips_and_through_bibtex(fixtures: Path, tmp_path: Path) -> None:
    source = fixtures / "academicpages" / "_publications"
    bib = pubconv.load(str(source))
    out = tmp_path / "out"
    pubconv.dump(bib, str(out), "academicpages")
    for path in source.iterdir():
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name
    via = pubconv.loads(pubconv.dumps(bib, "bibtex"), "bibtex")
    assert _csl(via) == _csl(bib)


def test_a_changed_record_keeps_comments_order_and_unknown_keys(
    fixtures: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "_publications"
    shutil.copytree(fixtures / "academicpages" / "_publications", folder)
    bib = pubconv.load(str(folder), strict=False)
    name = "2015-10-01-paper-title-number-3.md"
    pub = _by_file(bib)[name]
    changed = dataclasses.replace(pub, doi="10.1000/xyz", award="Best Paper Award")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    pubconv.dump(bib.replace_publications({pub.key: changed}), str(folder), "academicpages")
    old = before[name].decode("utf-8").splitlines()
    new = (folder / name).read_text(encoding="utf-8").splitlines()
    assert [line for line in old if line not in new] == ["award: Best Paper"]
    assert [line for line in new if line not in old] == [
        "award: Best Paper Award",
        "doi: 10.1000/xyz",
    ]
    assert "# hand-written comment the writer must keep" in new
    for other, data in before.items():
        if other != name:
            assert (folder / other).read_bytes() == data
    again = _by_file(pubconv.load(str(folder), strict=False))[name]
    assert again == changed


def test_new_records_get_the_templates_names_and_permalinks(tmp_path: Path) -> None:
    pubs = [
        Publication(
            "ruiz2024sparse",
            "paper-conference",
            title="Sparse Event Fields & <i>Depth</i>: <script>x</script>",
            authors=(Person("Ruiz", "Ana"), Person("Wei", "Li", roles=("equal",))),
            issued=PartialDate(2024, 6),
            container_title="CVPR",
            links=(Link("Paper", "https://example.org/a.pdf"), Link("Code", "https://x.org/c")),
            abstract="Depth from *sparse* events & more.",
        ),
        Publication("chen2023", title="Untitled Work", issued=PartialDate(2023)),
        Publication("chen2023b", title="Untitled Work", issued=PartialDate(2023)),
    ]
    tree = dict(pubconv.api.dumps_tree(pubconv.Bibliography.of(pubs), "academicpages"))
    assert sorted(tree) == [
        "2023-01-01-untitled-work-2.md",
        "2023-01-01-untitled-work.md",
        "2024-06-01-sparse-event-fields-depth-x.md",
    ]
    text = tree["2024-06-01-sparse-event-fields-depth-x.md"]
    assert "permalink: /publication/2024-06-01-sparse-event-fields-depth-x\n" in text
    assert "category: conferences\n" in text
    assert "&lt;script&gt;" in text and "<script>" not in text
    assert "<i>Depth</i>" in text
    assert "authors: Ana Ruiz, Li Wei*\n" in text
    assert "publishDate" not in text and "last_modified" not in text  # no timestamps
    out = tmp_path / "site"
    pubconv.dump(pubconv.Bibliography.of(pubs), str(out), "academicpages")
    back = pubconv.load(str(out)).publications
    assert len(back) == 3
    by_title = {p.title: p for p in back}
    first = by_title[pubs[0].title]
    assert dataclasses.replace(first, key=pubs[0].key) == pubs[0]
    assert [p.issued for p in back if p.title == "Untitled Work"] == [PartialDate(2023)] * 2


def test_cli_converts_a_folder_to_bibtex_and_back_into_a_folder(
    fixtures: Path, tmp_path: Path
) -> None:
    bib = tmp_path / "site.bib"
    source = fixtures / "academicpages" / "_publications"
    assert main(["convert", str(source), "-o", str(bib)]) == 0
    assert bib.read_text(encoding="utf-8").count("@") == 3
    out = tmp_path / "new" / "_publications"
    assert main(["convert", str(bib), "--to", "academicpages", "-o", str(out)]) == 0
    assert len(list(out.glob("*.md"))) == 3
    assert main(["convert", str(out), "--to", "csl", "-o", str(tmp_path / "x.json")]) == 0


def test_bad_files_are_located_errors_and_the_rest_still_reads(tmp_path: Path) -> None:
    folder = tmp_path / "_publications"
    folder.mkdir()
    (folder / "a.md").write_text(
        "---\ntitle: Good\ncollection: publications\nyear: 2020\n---\n", encoding="utf-8"
    )
    (folder / "b.md").write_text("---\ntitle: [unclosed\nvenue: X\n---\nbody\n", encoding="utf-8")
    (folder / "c.md").write_text("---\ntitle: a\ntitle: b\n---\n", encoding="utf-8")
    (folder / "d.md").write_text("no front matter at all\n", encoding="utf-8")
    (folder / "e.md").write_text(
        "---\ntitle: !!python/object/apply:os.system ['echo x']\n---\n", encoding="utf-8"
    )
    with pytest.raises(pubconv.ParseError) as info:
        pubconv.load(str(folder))
    located = sorted(str(d).split(": error: ")[0] for d in info.value.diagnostics)
    assert located == [
        f"{folder / 'b.md'}:3:1",
        f"{folder / 'c.md'}:3:1",  # duplicate key
        f"{folder / 'd.md'}:1:1",
        f"{folder / 'e.md'}:2:1",  # the tag is never run: a list is no title
    ]
    bib = pubconv.load(str(folder), strict=False)
    assert [p.title for p in bib] == ["Good"]


def test_a_crlf_file_stays_crlf_when_a_record_changes(tmp_path: Path) -> None:
    text = (
        '---\r\ntitle: "A"\r\n# keep me\r\ncollection: publications\r\nyear: 2020\r\n'
        "venue: 'V'\r\n---\r\nBody line one\r\nline two\r\n"
    )
    (tmp_path / "a.md").write_bytes(text.encode("utf-8"))
    bib = pubconv.load(str(tmp_path))
    pub = bib.publications[0]
    assert pub.abstract == "Body line one line two"
    pubconv.dump(
        bib.replace_publications({pub.key: dataclasses.replace(pub, title="B")}),
        str(tmp_path),
        "academicpages",
    )
    assert (tmp_path / "a.md").read_bytes() == text.replace('"A"', '"B"').encode("utf-8")
