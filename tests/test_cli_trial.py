"""What a new user's trial of the command line found wrong, each pinned by a test.

Wrong format names and outputs whose format cannot be told are usage errors (exit 2, naming the
option to add), not failed runs; messages name the option that helps (`--to` for an output).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pubconv
from pubconv.cli import main

ROOT = Path(__file__).resolve().parent.parent
LAB_BIB = ROOT / "fixtures" / "example" / "lab.bib"
LAB_PAGE = ROOT / "fixtures" / "example" / "publications.md"


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUBCONV_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["convert", str(LAB_BIB), "-t", "nosuch"], "'-t' / '--to'"),
        (["convert", str(LAB_BIB), "-f", "nosuch", "-t", "csl"], "'-f' / '--from'"),
        (["sync", "-f", "nosuch", str(LAB_PAGE), str(LAB_BIB)], "'-f' / '--from'"),
        (["cite", "-f", "nosuch", str(LAB_BIB)], "'-f' / '--from'"),
    ],
)
def test_an_unknown_format_name_is_a_usage_error(
    args: list[str], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "unknown format 'nosuch'" in err and option in err and "known: " in err


def test_an_output_of_unknown_extension_asks_for_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.unknown"
    assert main(["convert", str(LAB_BIB), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "name it with --to" in err and "--from" not in err
    assert not out.exists()


def test_an_empty_folder_as_output_asks_for_a_folder_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(LAB_BIB), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is a folder; name a folder format with --to (academicpages, hugo)" in err
    assert list(tmp_path.iterdir()) == []
    assert main(["convert", str(LAB_BIB), "-t", "hugo", "-o", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir())  # the folder now holds the papers


def test_cite_reads_markdown_input_as_a_page(capsys: pytest.CaptureFixture[str]) -> None:
    """`markdown` is an input format name (the Jekyll page's alias), so `cite -f markdown`
    reads the page, as `convert -f markdown` does; `-f html` still says to write `-t html`."""
    assert main(["cite", "-f", "markdown", str(LAB_PAGE)]) == 0
    assert "Seeing Through Fog with Event Cameras" in capsys.readouterr().out
    assert main(["cite", "-f", "html", str(LAB_PAGE)]) == 2
    assert "give -t html" in capsys.readouterr().err


def test_the_command_list_is_not_cut_off(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`pubconv --help` at 80 columns shows each command's whole first sentence."""
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    listing = out[out.index("Commands:") : out.index("Examples:")].splitlines()[1:]
    rows = [line for line in listing if line.strip()]
    assert len(rows) == 13
    assert all(not row.endswith("...") for row in rows), rows


def test_formats_lines_up_its_columns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("academicpages ") for line in lines)
    assert len({line.index(" rw ") for line in lines}) == 1, lines


def _example_copy(tmp_path: Path) -> tuple[Path, Path]:
    page, bib = tmp_path / "publications.md", tmp_path / "lab.bib"
    page.write_bytes(LAB_PAGE.read_bytes())
    bib.write_bytes(LAB_BIB.read_bytes())
    return page, bib


@pytest.mark.parametrize("mode", [[], ["--write", "both", "--dry-run"]])
def test_a_sync_that_writes_nothing_says_would_add(
    mode: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page, bib = _example_copy(tmp_path)
    assert main(["sync", str(page), str(bib), *mode]) == 0
    out = capsys.readouterr().out
    assert f"{bib}: would add ling2025seeing" in out
    assert f"{page}: would add xiong2023survey" in out
    assert ": added " not in out
    assert page.read_bytes() == LAB_PAGE.read_bytes() and bib.read_bytes() == LAB_BIB.read_bytes()


def test_a_sync_that_writes_says_added(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page, bib = _example_copy(tmp_path)
    assert main(["sync", str(page), str(bib), "--write", "bib"]) == 0
    assert f"{bib}: added ling2025seeing" in capsys.readouterr().out
    assert "ling2025seeing" in bib.read_text(encoding="utf-8")


def test_bib2md_warns_about_what_the_fresh_page_leaves_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page made from a `.bib` shows the DOI and the arXiv id as links and lists a crossref
    parent only through its papers: the warnings say that, and name a `note` it leaves out."""
    bib = tmp_path / "lab.bib"
    bib.write_text(
        LAB_BIB.read_text(encoding="utf-8")
        + "\n@article{ling2025fog,\n  author = {Ling, Mei},\n  title = {Fog},\n"
        "  journal = {T-CI},\n  year = {2025},\n  note = {Submitted to a journal},\n}\n",
        encoding="utf-8",
    )
    page = tmp_path / "papers.md"
    assert main(["bib2md", str(bib), "-o", str(page)]) == 0
    err = capsys.readouterr().err
    warned = {line.split(": ")[2]: line for line in err.splitlines() if ": warning: " in line}
    assert "doi.org/10.1109/TMI.2024.0000000" in page.read_text(encoding="utf-8")
    assert "arxiv.org/abs/2301.00000" in page.read_text(encoding="utf-8")
    assert "doi" not in warned["deng2024unsupervised"].split("does not show ")[1].split(", ")
    assert "eprint" not in warned["xiong2023survey"] and "howpublished" in warned["xiong2023survey"]
    assert "crossref" not in warned["liu2024pqsam"] and "publisher" in warned["liu2024pqsam"]
    assert "a crossref parent" in warned["eccv2024"]
    assert warned["ling2025fog"].endswith("does not show note")
    assert "Submitted" not in page.read_text(encoding="utf-8")


def test_sync_adds_a_paper_in_the_page_style_and_then_is_in_sync(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The quick start's page has no Abstract toggles, so the paper sync adds has none either;
    its organisation author (`{Lab for Vision and Imaging}`) reads back as one name, so a
    second sync finds only the conflict the first left alone."""
    page, bib = _example_copy(tmp_path)
    assert main(["sync", str(page), str(bib), "--write", "both"]) == 0
    text = page.read_text(encoding="utf-8")
    entry = text[text.index("**A Survey of 3D Event Cameras") :]
    assert "Abstract" not in entry and "expandABS" not in entry
    capsys.readouterr()
    assert main(["sync", str(page), str(bib), "--check"]) == 1
    out = capsys.readouterr().out
    assert "xiong2023survey" not in out and "1 differ" in out and "links: conflict" in out


@pytest.mark.parametrize(
    "name",
    ["{Lab for Vision and Imaging}", "{University of California, Berkeley}", "Smith, Jr., John"],
)
def test_a_name_with_and_or_a_comma_survives_a_page(name: str, tmp_path: Path) -> None:
    bib = tmp_path / "one.bib"
    bib.write_text(
        f"@article{{a,\n  author = {{Deng, Ada and {name}}},\n  title = {{T}},\n"
        "  journal = {J},\n  year = {2024},\n}\n",
        encoding="utf-8",
    )
    page = tmp_path / "page.md"
    assert main(["bib2md", str(bib), "-o", str(page)]) == 0
    before = [p.display() for p in pubconv.load(str(bib)).publications[0].authors]
    after = [p.display() for p in pubconv.load(str(page)).publications[0].authors]
    assert after == before and len(after) == 2


@pytest.mark.parametrize(
    ("container", "short"),
    [("Psychopharmacology (Berl)", None), ("Chem Commun (Camb)", "CC"), ("A (b) c (d)", None)],
)
def test_a_venue_ending_in_parentheses_is_not_read_as_its_abbreviation(
    container: str, short: str | None
) -> None:
    from pubconv.formats.jekyll.venue import format_venue, parse_venue
    from pubconv.model import PartialDate

    venue = parse_venue(format_venue(container, short, PartialDate(2021), "Oral"))
    assert (venue.container, venue.short, venue.year, venue.tags) == (
        container,
        short,
        2021,
        ("Oral",),
    )


NEW_BIB_PAPER = """
@article{new2025doi,
  author = {Van Lysebetten, D. and Xiong, Zhiwei},
  title = {A Paper With a DOI, a URL and an arXiv id},
  journal = {Psychopharmacology (Berl)},
  year = {2025},
  doi = {10.1364/OE.000001},
  url = {https://example.org/oe},
  eprint = {2501.00001},
  archiveprefix = {arXiv},
}
"""


def test_a_paper_sync_adds_to_a_page_links_its_doi_url_and_arxiv_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `.bib` paper added to a page shows its DOI, URL and arXiv id as links, in the page's
    link style (`check` finds nothing); the next `sync --check` matches it to its `.bib` entry
    (a family name with a capitalised particle, a venue ending in parentheses) and finds no
    difference in it."""
    page, bib = _example_copy(tmp_path)
    bib.write_text(bib.read_text(encoding="utf-8") + NEW_BIB_PAPER, encoding="utf-8")
    assert main(["sync", str(page), str(bib), "--write", "both"]) == 0
    text = page.read_text(encoding="utf-8")
    entry = text[text.index("**A Paper With a DOI") :].split("\n\n")[0]
    assert '[Paper](https://doi.org/10.1364/OE.000001){:target="_blank"} |' in entry
    assert '(https://example.org/oe){:target="_blank"} |' in entry
    assert '[arXiv](https://arxiv.org/abs/2501.00001){:target="_blank"} |' in entry
    assert "<pub>Psychopharmacology &#40;Berl), 2025</pub>" in entry
    capsys.readouterr()
    assert main(["check", str(page)]) == 0
    assert main(["sync", str(page), str(bib), "--check"]) == 1
    out = capsys.readouterr().out
    assert "1 differ, 0 only on the site, 0 only in the database" in out
    assert "new2025doi" not in out  # the one difference is the conflict left alone before


def test_md2bib_onto_an_existing_bib_changes_only_what_differs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`md2bib page.md -o lab.bib` with lab.bib there: the page's year does not delete the
    .bib's month (a page shows only years), a crossref child does not get its parent's venue
    copied in, and the one changed field is rewritten in place (alignment kept)."""
    page, bib = _example_copy(tmp_path)
    before = bib.read_text(encoding="utf-8")
    assert main(["md2bib", str(page), "-o", str(bib)]) == 0
    after = bib.read_text(encoding="utf-8")
    assert "1 added, 1 updated, 1 unchanged" in capsys.readouterr().err
    old_lines = before.splitlines()
    new_lines = after.splitlines()
    removed = [line for line in old_lines if line not in new_lines]
    assert removed == ["  code      = {https://example.org/code/dadn},"], removed
    assert "  code      = {https://example.org/code/dadn-v2}," in new_lines
    assert "  month     = jul," in new_lines
    liu = after[after.index("@inproceedings{liu2024pqsam") :].split("\n}\n")[0]
    assert "booktitle" not in liu and "year" not in liu


@pytest.mark.parametrize("fmt", ["hugo", "academicpages"])
def test_a_folder_format_to_standard_output_is_a_usage_error(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(LAB_BIB), "-t", fmt]) == 2
    assert f"{fmt} writes a folder of files: name the folder with -o" in capsys.readouterr().err


def test_one_paper_in_a_page_and_a_bib_is_not_lost_silently(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`convert page.md lab.bib` reads one database; the paper in both under one key is written
    once in CSL-JSON (ids are unique), with a located warning that names both places."""
    assert main(["convert", str(LAB_PAGE), str(LAB_BIB), "-t", "csl"]) == 0
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if "deng2024unsupervised:" in x)
    assert line.startswith(f"{LAB_BIB}:7:1: warning: ") and f"{LAB_PAGE}:15:1" in line
    assert "not written" in line


def test_bibtex_output_never_holds_two_equal_keys_the_bib_entry_keeps_its_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """In BibTeX output the .bib entry, written back as read, keeps its key even though the page
    record comes first; the page record gets the suffix, with a located warning."""
    assert main(["convert", str(LAB_PAGE), str(LAB_BIB), "-t", "bib"]) == 0
    out, err = capsys.readouterr()
    keys = re.findall(r"^@\w+\{([^,\s={}]+),", out, re.M)
    assert len(keys) == len(set(keys))
    assert "deng2024unsupervised" in keys and "deng2024unsupervised-2" in keys
    assert (
        f"{LAB_PAGE}:15:1: warning: deng2024unsupervised: key already used by another entry; "
        "written as deng2024unsupervised-2"
    ) in err
