"""The YAML layouts: lab-website-template (``labsite``), ``publist`` and CSL-YAML (``cslyaml``).

Reading (spot values from the real lab-website-template files and our own fixtures), writing back
byte for byte, editing one record without touching the others, the same records through BibTeX
as directly, and the errors for a file in another layout.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shlex
from pathlib import Path

import pytest

import pubconv
from casing import unprotected
from pubconv.cli import main
from pubconv.errors import ParseError, Severity
from pubconv.formats import REGISTRY
from pubconv.model import Bibliography, Link, PartialDate, Person, Publication

LABSITE = Path("jekyll-other") / "lab-website-template-circle-group" / "_data"
FIXTURES = ("sources.yaml", "labsite"), ("publist.yml", "publist"), ("references.yaml", "cslyaml")


def _raw(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _names(pub: Publication) -> list[str]:
    return [p.display() for p in pub.authors]


# --------------------------------------------------------------------------- real files


@pytest.mark.corpus
def test_citations_yaml_reads_84_records_with_exact_values(corpus: Path) -> None:
    bib = pubconv.load(str(corpus / LABSITE / "citations.yaml"), "labsite", strict=False)
    pubs = bib.publications
    assert len(pubs) == 84
    assert not bib.errors
    first = pubs[0]
    assert first.title == (
        "Topological generalization bounds for discrete-time stochastic optimization algorithms"
    )  # folded over two lines in the file
    assert _names(first) == [
        "Rayna Andreeva",
        "Benjamin Dupuis",
        "Rik Sarkar",
        "Tolga Birdal",
        "Umut Simsekli",
    ]
    assert first.issued == PartialDate(2024, 12, 9)
    assert first.container_title == "Conference on Neural Information Processing Systems (NeurIPS)"
    assert first.url == (
        "https://proceedings.neurips.cc/paper_files/paper/2024/file/"
        "0886e50806c3faf55e557bd63ba3e70c-Paper-Conference.pdf"
    )
    assert first.links == (
        Link("Preprint", "https://arxiv.org/abs/2407.08723"),
        Link("Code", "https://github.com/rorondre/TDAGeneralization"),
    )
    assert first.get_extra("plugin") == "sources.py"
    assert first.get_extra("file") == "sources-new.yaml"
    escaped = next(p for p in pubs if p.key == "barsbey2026interaction")  # "\u015E", "\xF4"
    assert escaped.title == "On the Interaction of Compressibility and Adversarial Robustness"
    assert _names(escaped) == [
        "Melih Barsbey",
        "Antônio H. Ribeiro",
        "Umut Şimşekli",
        "Tolga Birdal",
    ]
    assert escaped.issued == PartialDate(2026, 4, 1)
    assert escaped.container_title == "International Conference on Learning Representations (ICLR)"
    marked = next(p for p in pubs if any(a.family == "Schuller" for a in p.authors))
    assert next(a for a in marked.authors if a.family == "Schuller").roles == ("corresponding",)
    last = pubs[-1]
    assert (last.title, last.issued, last.container_title) == (
        "Variational Inference for SDEs Driven by Fractional Noise",
        PartialDate(2024, 5, 7),
        "International Conference on Learning Representations (ICLR)",
    )
    assert _names(last) == [
        "Rembert Daems",
        "Manfred Opper",
        "Guillaume Crevecoeur",
        "Tolga Birdal",
    ]


@pytest.mark.corpus
def test_sources_yaml_reads_54_records_with_crlf_and_unquoted_dates(corpus: Path) -> None:
    path = corpus / LABSITE / "sources.yaml"
    assert "\r\n" in _raw(path)
    bib = pubconv.load(str(path), "labsite")
    pubs = bib.publications
    assert len(pubs) == 54
    assert len({p.key for p in pubs}) == 54
    first = pubs[0]
    assert first.key == "simsekli2015unified"
    assert first.title == "A unified probabilistic framework for robust decoding of linear barcodes"
    assert _names(first) == ["Umut Şimşekli", "Tolga Birdal"]
    assert first.issued == PartialDate(2015, 4, 19)
    assert first.container_title == (
        "International Conference on Acoustics, Speech, and Signal Processing (ICASSP)"
    )
    assert first.url == "https://ieeexplore.ieee.org/document/7178310"
    assert (first.origin.line, first.origin.column) == (1, 1) if first.origin else False
    last = pubs[-1]
    assert last.title == "Variational Inference for SDEs Driven by Fractional Noise"
    assert last.links == (
        Link("Code", "https://github.com/VideoNeuralSDE/MAFBM"),
        Link("Website", "https://videoneuralsde.github.io/"),
    )


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["citations.yaml", "sources.yaml", "sources-new.yaml"])
def test_lab_website_files_write_back_byte_identical(corpus: Path, name: str) -> None:
    path = corpus / LABSITE / name
    assert REGISTRY.for_path(str(path), _raw(path)).name == "labsite"
    bib = pubconv.load(str(path), strict=False)  # sniffed
    assert pubconv.dumps(bib, "labsite") == _raw(path)


@pytest.mark.corpus
def test_repeated_key_in_a_button_is_a_located_warning(corpus: Path) -> None:
    bib = pubconv.load(str(corpus / LABSITE / "sources-new.yaml"), "labsite", strict=False)
    assert len(bib.publications) == 30
    repeated = [d for d in bib.diagnostics if "duplicate key" in d.message]
    assert [(d.severity, d.line) for d in repeated] == [(Severity.WARNING, 283)]


# --------------------------------------------------------------------------- fixtures


@pytest.mark.parametrize(("name", "fmt"), FIXTURES)
def test_fixture_writes_back_byte_identical(fixtures: Path, name: str, fmt: str) -> None:
    path = fixtures / "layouts" / name
    bib = pubconv.load(str(path), fmt)
    assert pubconv.dumps(bib, fmt) == _raw(path)


@pytest.mark.parametrize(("name", "fmt"), FIXTURES)
def test_the_format_is_sniffed_from_yaml_content(fixtures: Path, name: str, fmt: str) -> None:
    path = fixtures / "layouts" / name
    assert REGISTRY.for_path(str(path), _raw(path)).name == fmt


def test_existing_formats_still_go_by_extension() -> None:
    assert REGISTRY.for_path("refs.bib").name == "bibtex"
    assert REGISTRY.for_path("items.json").name == "csljson"
    assert REGISTRY.for_path("page.md").name == "jekyll"


def test_publist_fixture_values(fixtures: Path) -> None:
    bib = pubconv.load(str(fixtures / "layouts" / "publist.yml"), "publist")
    folding, sparse, borders = bib.publications  # the commented-out entry is not a record
    assert folding.title == "Folding Light: Compact Lenses for Phone Cameras"
    assert [(p.display(), p.roles) for p in folding.authors] == [
        ("Ana Ruiz", ("equal",)),
        ("Bo Tan", ("equal",)),
        ("Iris Okafor", ("corresponding",)),  # <sup>&#134;</sup>
    ]
    assert (
        folding.container_title == "IEEE/CVF Conference on Computer Vision and Pattern Recognition"
    )
    assert (folding.container_short, folding.issued) == ("CVPR", PartialDate(2023))
    assert folding.type == "paper-conference"
    assert folding.url == "https://example.org/papers/folding.pdf"
    assert folding.links == (Link("code", "https://github.com/example/folding"),)
    assert folding.abstract == "We fold the optical path twice & keep the image sharp."
    assert (sparse.container_title, sparse.issued) == (
        "Nature Photonics 17, 101",
        PartialDate(2022),
    )
    assert _names(sparse) == ["Célia Moreau", "Li Wei", "Ana Ruiz"]
    assert sparse.url is None
    assert borders.container_title == "Workshop on Open Imaging"
    assert (borders.issued, borders.type) == (PartialDate(2021), "paper-conference")
    assert borders.get_extra("ref") == "tan2021learning"
    assert folding.get_extra("news1") is None  # `news1:` left empty holds nothing
    commented = [b for b in bib.blocks if not isinstance(b, Publication)]
    assert any("An old paper we no longer list" in getattr(b, "text", "") for b in commented)


def test_cslyaml_fixture_values(fixtures: Path) -> None:
    bib = pubconv.load(str(fixtures / "layouts" / "references.yaml"), "cslyaml")
    folding, depth = bib.publications
    assert folding.key == "ruiz2020folding"
    assert folding.issued == PartialDate(2020, 7, 5)  # pandoc's `issued: 2020-07-05`
    assert (folding.volume, folding.pages) == ("45", "101-108")
    assert depth.issued == PartialDate(2019, 6)  # pandoc-citeproc's `- year: 2019`
    assert depth.type == "paper-conference"
    assert _names(depth) == ["Bo Tan"]


def _edited(bib: Bibliography) -> Bibliography:
    first = bib.publications[0]
    changed = dataclasses.replace(first, title="A New Title", issued=PartialDate(2031))
    out = bib.replace_publications({first.key: changed})
    out.blocks.append(
        Publication(
            key="doe2025new",
            type="paper-conference",
            title="Brand New <Paper>",
            authors=(Person("Doe", "Jane", roles=("equal",)),),
            issued=PartialDate(2025, 1, 2),
            container_title="CVPR",
            links=(Link("Code", "https://example.org/code"),),
        )
    )
    return out


@pytest.mark.parametrize(("name", "fmt"), FIXTURES)
def test_editing_one_record_keeps_the_rest_of_the_file(fixtures: Path, name: str, fmt: str) -> None:
    path = fixtures / "layouts" / name
    original = _raw(path)
    bib = pubconv.load(str(path), fmt)
    text = pubconv.dumps(_edited(bib), fmt)
    again = {p.title: p for p in pubconv.loads(text, fmt).publications}
    assert set(again) == {
        "A New Title",
        *[p.title for p in bib.publications[1:]],
        "Brand New <Paper>",
    }
    assert again["A New Title"].year == 2031
    assert [p.display() for p in again["Brand New <Paper>"].authors] == ["Jane Doe"]
    for pub in bib.publications[1:]:  # untouched records: their exact text is still there
        assert pub.origin is not None and pub.origin.raw in text
    gaps = [b.text for b in bib.blocks if not isinstance(b, Publication) and getattr(b, "text", "")]
    for gap in gaps:  # comments, commented-out entries, header and footer
        assert gap in text
    if "\r\n" in original:
        assert text.count("\n") == text.count("\r\n")
    # the edited record keeps its own keys that did not change (and its unknown keys)
    first_raw = bib.publications[0].origin.raw if bib.publications[0].origin else ""
    for line in first_raw.splitlines(keepends=True)[2:4]:
        if "title" not in line and "date" not in line and "year" not in line:
            assert line in text


def test_publist_record_keeps_its_shape(fixtures: Path) -> None:
    bib = pubconv.load(str(fixtures / "layouts" / "publist.yml"), "publist")
    borders = bib.publications[2]
    changed = dataclasses.replace(borders, issued=PartialDate(2022))
    text = pubconv.dumps(bib.replace_publications({borders.key: changed}), "publist")
    assert "  author: Bo Tan, Ana Ruiz\n  venue: Workshop on Open Imaging\n  year: 2022\n" in text
    sparse = bib.publications[1]
    changed = dataclasses.replace(sparse, issued=PartialDate(2023))
    text = pubconv.dumps(bib.replace_publications({sparse.key: changed}), "publist")
    assert "    url:\n    display: Nature Photonics 17, 101 (2023)\n" in text


def test_new_file_in_each_layout_reads_back(fixtures: Path) -> None:
    source = pubconv.load(str(fixtures / "layouts" / "publist.yml"), "publist")
    fresh = Bibliography.of(dataclasses.replace(p, origin=None) for p in source.publications)
    for fmt in ("labsite", "publist", "cslyaml"):
        text = pubconv.dumps(fresh, fmt)
        back = pubconv.loads(text, fmt).publications
        assert [p.title for p in back] == [p.title for p in fresh.publications], fmt
        assert [_names(p) for p in back] == [_names(p) for p in fresh.publications], fmt
        assert [p.year for p in back] == [p.year for p in fresh.publications], fmt
    assert pubconv.dumps(fresh, "cslyaml").startswith("---\nreferences:\n- id: ruiz2023folding\n")


# --------------------------------------------------------------------------- through BibTeX


def _via_bibtex(bib: Bibliography, reader: str = "bibtex") -> list[Publication]:
    bibtex = pubconv.loads(pubconv.dumps(bib, "bibtex"), reader, strict=False)
    # compared without the case protection a CSL title gets in BibTeX (issue 9)
    return unprotected(
        pubconv.loads(pubconv.dumps(bibtex, "csljson"), "csljson", strict=False).publications
    )


def _direct(bib: Bibliography) -> list[Publication]:
    return unprotected(
        pubconv.loads(pubconv.dumps(bib, "csljson"), "csljson", strict=False).publications
    )


@pytest.mark.parametrize(("name", "fmt"), FIXTURES)
def test_layout_to_bibtex_to_csl_carries_the_same_records(
    fixtures: Path, name: str, fmt: str
) -> None:
    bib = pubconv.load(str(fixtures / "layouts" / name), fmt)
    direct = _direct(bib)
    assert len(direct) == len(bib.publications)
    assert _via_bibtex(bib) == direct


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["citations.yaml", "sources.yaml", "sources-new.yaml"])
def test_lab_website_to_bibtex_to_csl_is_the_same_as_to_csl(corpus: Path, name: str) -> None:
    bib = pubconv.load(str(corpus / LABSITE / name), "labsite", strict=False)
    direct = _direct(bib)
    assert len(direct) == len(bib.publications)
    assert _via_bibtex(bib) == direct


@pytest.mark.corpus
def test_csl_json_to_csl_yaml_to_csl_json_is_exact(corpus: Path) -> None:
    files = sorted((corpus / "csljson").rglob("*.json"))
    assert files
    for path in files:
        bib = pubconv.load(str(path), "csljson", strict=False)
        yaml_text = pubconv.dumps(bib, "cslyaml")
        again = pubconv.loads(yaml_text, "cslyaml", strict=False)
        assert not again.errors
        assert json.loads(pubconv.dumps(again, "csljson")) == json.loads(_raw(path)), path.name


# --------------------------------------------------------------------------- errors, safety


def test_a_file_in_another_layout_is_an_error_that_names_it(fixtures: Path) -> None:
    with pytest.raises(ParseError) as raised:
        pubconv.load(str(fixtures / "layouts" / "references.yaml"), "publist")
    message = str(raised.value)
    assert "no publist records" in message
    assert "try --from cslyaml" in message


def test_cli_refuses_an_empty_yaml_file_naming_the_format(tmp_path: Path) -> None:
    empty = tmp_path / "publist.yml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    out = tmp_path / "out.bib"
    assert main(["convert", str(empty), "--from", "publist", "--to", "bib", "-o", str(out)]) == 1
    assert not out.exists()


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f'- title: x\n  authors: !!python/object/apply:os.system ["touch {marker}"]\n'
    bib = pubconv.loads(text, "publist", strict=False)
    assert not marker.exists()  # the tag is data, never a constructor call
    assert bib.errors and not bib.publications
    tagged = pubconv.loads(f'- title: !!python/name:os.system "{marker}"\n', "labsite")
    assert not marker.exists()
    assert tagged.publications[0].title == str(marker)


def test_alias_bombs_are_an_error_not_a_hang() -> None:
    lines = ["- title: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        refs = ", ".join(f"*a{i - 1}" for _ in range(10))
        lines.append(f"  k{i}: &a{i} [{refs}]")
    bib = pubconv.loads("\n".join(lines) + "\n", "labsite", strict=False)
    assert bib.errors
    assert not bib.publications


def test_invalid_yaml_is_located() -> None:
    bib = pubconv.loads("- title: a\n  authors: [x\n", "labsite", path="x.yaml", strict=False)
    assert bib.errors[0].path == "x.yaml"
    assert bib.errors[0].line is not None and bib.errors[0].line >= 2


@pytest.mark.parametrize(
    "text",
    [
        "[{title: A, authors: [Ann Lee], date: 2020-01-01}, {title: B, authors: [Bo Tan]}]\n",
        "- title: A\n  authors: [Ann Lee]\n  note: |\n    line\n    # in the text\n"
        "- title: B\n  authors: [Bo Tan]\n",
    ],
    ids=["flow-style list", "block text with a comment-like line"],
)
def test_files_that_cannot_be_cut_per_record_still_round_trip(text: str) -> None:
    bib = pubconv.loads(text, "labsite")
    assert [p.title for p in bib.publications] == ["A", "B"]
    assert pubconv.dumps(bib, "labsite") == text
    second = bib.publications[1]
    changed = bib.replace_publications({second.key: dataclasses.replace(second, title="B2")})
    again = pubconv.loads(pubconv.dumps(changed, "labsite"), "labsite").publications
    assert [(p.title, _names(p)) for p in again] == [("A", ["Ann Lee"]), ("B2", ["Bo Tan"])]
    assert again[0].issued == bib.publications[0].issued


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        # newest first: 2025 on top (below the file's header), 2022 above the comments that
        # sit over the 2021 record, 2016 at the end
        ("publist.yml", "publist", ["2025", "2023", "2022", "2022", "2021", "2016"]),
        # oldest first: 2016 between 2015 and 2019, the rest at the end
        ("sources.yaml", "labsite", ["2015", "2016", "2019", "2022", "2025"]),
    ],
)
def test_new_records_go_where_their_year_belongs(
    fixtures: Path, name: str, fmt: str, expected: list[str]
) -> None:
    path = fixtures / "layouts" / name
    bib = pubconv.load(str(path), fmt)
    for year in (2025, 2022, 2016):
        bib.blocks.append(
            Publication(
                key=f"new{year}",
                title=f"New {year}",
                authors=(Person("Doe", "Jane"),),
                issued=PartialDate(year),
                container_title="CVPR",
            )
        )
    text = pubconv.dumps(bib, fmt)
    back = pubconv.loads(text, fmt).publications
    assert [str(p.year) for p in back] == expected
    if fmt == "publist":
        assert "\n\n- title: New 2025\n" in text  # below the header, a blank line kept
        assert "  display: CVPR 2022\n\n#- title:" in text
    for pub in bib.publications:
        if pub.origin is not None and pub.origin.raw:
            assert pub.origin.raw in text


@pytest.mark.corpus
def test_the_commands_in_the_layouts_doc_work(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "layouts-yaml.md").read_text("utf-8")
    block = re.search(r"^```sh\n(.*?)^```", doc, re.M | re.S)
    assert block is not None
    commands = [shlex.split(line) for line in block.group(1).splitlines() if line.strip()]
    assert len(commands) == 6
    monkeypatch.chdir(tmp_path)
    for command in commands:
        args = [a.replace("../shared/corpus", str(corpus)) for a in command[1:]]
        assert command[0] == "pubconv"
        assert main(args) == 0, command
    assert len(pubconv.load("refs.yaml").publications) == 54
    assert "Şimşekli" in (tmp_path / "refs.html").read_text(encoding="utf-8")
    page = pubconv.load("page.md", strict=False).publications
    assert [p.title for p in page] == [
        p.title for p in pubconv.load(str(corpus / "jekyll-seedlab" / "2024-New.md"), strict=False)
    ]


@pytest.mark.parametrize("fmt", ["labsite", "publist"])
def test_unsafe_link_schemes_are_not_written_and_are_announced(fmt: str) -> None:
    pub = Publication(
        key="k",
        title="T",
        url="javascript:alert(1)",
        links=(Link("Code", " JavaScript:alert(2)"), Link("Paper", "https://example.org/p")),
    )
    text = pubconv.dumps(Bibliography.of([pub]), fmt)
    assert "alert" not in text.lower()
    assert "https://example.org/p" in text
    unshown = REGISTRY.get(fmt).unshown
    assert unshown is not None and "links with an unsafe URL scheme" in unshown(pub)


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("- id: a\n  type: book\n  title: A\n", "cslyaml"),
        ("- title: A\n  authors: Ann Lee\n", "publist"),
        ("- title: A\n  authors:\n  - Ann Lee\n", "labsite"),
    ],
)
def test_a_file_of_records_only_is_written_back_as_it_was(text: str, fmt: str) -> None:
    bib = pubconv.loads(text, fmt)
    assert pubconv.dumps(bib, fmt) == text
    bib.blocks.append(Publication(key="b", title="B", issued=PartialDate(2020)))
    assert pubconv.dumps(bib, fmt).startswith(text)
