"""Folder-shaped formats in the registry: reading a folder, writing a tree, no empty reads.

Uses a toy folder format of its own (one ``.txt`` file per title) so that what is tested is the
registry and ``api`` machinery, not a particular layout.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

import pubconv
from pubconv.cli import main
from pubconv.errors import ParseError, PubconvError, UnknownFormatError
from pubconv.formats import REGISTRY
from pubconv.model import Bibliography, Link, Origin, Publication, with_origin
from pubconv.registry import Format, Registry, Source, Tree, WriteOptions


def _read(sources: Sequence[Source]) -> Bibliography:
    bib = Bibliography(source_format="titles")
    for source in sources:
        for n, line in enumerate(source.text.splitlines(), 1):
            if line.strip():
                pub = Publication(key=f"k{len(bib.blocks)}", title=line.strip())
                bib.blocks.append(with_origin(pub, Origin("titles", source.path, n, 1, line)))
    return bib


def _files(folder: str) -> list[str]:
    return sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".txt"))


def _write_tree(bib: Bibliography, options: WriteOptions) -> Tree:
    return [(f"sub/{pub.key}.txt", f"{pub.title}\n") for pub in bib.publications]


def _registry() -> Registry:
    registry = Registry()
    for fmt in REGISTRY:
        registry.add(fmt)
    registry.add(
        Format(
            "titles",
            "toy folder format",
            extensions=(".txt",),
            read=_read,
            files=_files,
            write_tree=_write_tree,
        )
    )
    return registry


def test_a_folder_is_read_by_the_format_that_finds_files_in_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("First\n\nSecond\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Third\n", encoding="utf-8")
    registry = _registry()
    assert registry.for_path(str(tmp_path)).name == "titles"
    bib = pubconv.load(str(tmp_path), registry=registry)
    assert [p.title for p in bib] == ["First", "Second", "Third"]
    assert bib.publications[2].origin is not None
    assert bib.publications[2].origin.path == str(tmp_path / "b.txt")


def test_a_tree_is_written_file_by_file_and_unchanged_files_keep_their_time(
    tmp_path: Path,
) -> None:
    registry = _registry()
    bib = Bibliography.of([Publication("x", title="One"), Publication("y", title="Two")])
    out = tmp_path / "out"
    pubconv.dump(bib, str(out), "titles", registry=registry)
    assert (out / "sub" / "x.txt").read_text(encoding="utf-8") == "One\n"
    assert (out / "sub" / "y.txt").read_text(encoding="utf-8") == "Two\n"
    os.utime(out / "sub" / "x.txt", (1_000_000, 1_000_000))
    changed = Bibliography.of([Publication("x", title="One"), Publication("y", title="2")])
    pubconv.dump(changed, str(out), "titles", registry=registry)
    assert os.stat(out / "sub" / "x.txt").st_mtime == 1_000_000
    assert (out / "sub" / "y.txt").read_text(encoding="utf-8") == "2\n"
    assert sorted(os.listdir(out / "sub")) == ["x.txt", "y.txt"]  # no temp files left


def test_a_tree_format_needs_a_folder_not_stdout() -> None:
    with pytest.raises(PubconvError, match="writes a folder"):
        pubconv.dump(Bibliography.of([Publication("x", title="T")]), "-", "academicpages")
    with pytest.raises(PubconvError, match="writes a folder"):
        pubconv.dumps(Bibliography.of([Publication("x", title="T")]), "hugo")


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/passwd", "a/../../b", "", "a//b"])
def test_a_tree_never_writes_outside_its_folder(tmp_path: Path, name: str) -> None:
    registry = Registry()
    registry.add(Format("bad", "writes odd names", write_tree=lambda bib, options: [(name, "x")]))
    with pytest.raises(PubconvError, match="not a plain path"):
        pubconv.dump(Bibliography(), str(tmp_path / "out"), "bad", registry=registry)
    assert not (tmp_path / "evil.txt").exists()


def test_a_folder_no_format_claims_is_an_error_naming_the_folder_formats(tmp_path: Path) -> None:
    (tmp_path / "notes.rst").write_text("hello\n", encoding="utf-8")
    with pytest.raises(UnknownFormatError, match=r"academicpages, hugo"):
        REGISTRY.for_path(str(tmp_path))


def test_a_single_file_format_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(PubconvError, match="reads single files"):
        pubconv.load(str(tmp_path), "bibtex")


def test_a_file_with_no_records_in_the_chosen_format_is_an_error(
    tmp_path: Path, fixtures: Path
) -> None:
    paper = fixtures / "academicpages" / "_publications" / "2021-pldi-zooid.md"
    with pytest.raises(
        ParseError, match=r"no publications found; is this a jekyll file.*--from.*academicpages"
    ):
        pubconv.load(str(paper), "jekyll")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ParseError, match=r"no publications found; is this a hugo file.*--from"):
        pubconv.load(str(empty), "hugo")


def test_the_cli_exits_1_when_it_reads_nothing(
    fixtures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paper = fixtures / "academicpages" / "_publications" / "2021-pldi-zooid.md"
    assert main(["convert", str(paper), "--from", "jekyll", "--to", "csl"]) == 1
    err = capsys.readouterr().err
    assert f"{paper}: error: no publications found; is this a jekyll file?" in err
    assert "--from" in err


def test_an_md_file_goes_to_the_layout_its_content_shows(fixtures: Path) -> None:
    paper = fixtures / "academicpages" / "_publications" / "2021-pldi-zooid.md"
    text = paper.read_text(encoding="utf-8")
    assert REGISTRY.for_path(str(paper), text).name == "academicpages"
    hugo = fixtures / "hugo" / "content" / "publication" / "chen-2023-learning" / "index.md"
    assert REGISTRY.for_path(str(hugo), hugo.read_text(encoding="utf-8")).name == "hugo"
    seed_like = "---\ntitle: Publications\n---\n**A Title** <br>\n_Ana Ruiz_ <br>\n"
    assert REGISTRY.for_path("page.md", seed_like).name == "jekyll"
    assert REGISTRY.for_path("page.md").name == "jekyll"


def test_formats_lists_the_folder_formats_as_readable_and_writable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["formats"]) == 0
    lines = {line.split()[0]: line.split()[1] for line in capsys.readouterr().out.splitlines()}
    assert lines["academicpages"] == "rw"
    assert lines["hugo"] == "rw"


@pytest.mark.parametrize("fmt", ["academicpages", "hugo"])
def test_layouts_never_write_script_urls_and_say_so(fmt: str) -> None:
    pub = Publication(
        "x2024",
        title="T",
        links=(
            Link("Paper", "java\tscript:alert(1)"),
            Link("Code", "https://github.com/x/y"),
            Link("Slides", "files/slides.pdf"),
        ),
    )
    tree = pubconv.api.dumps_tree(Bibliography.of([pub]), fmt)
    text = "".join(t for _, t in tree)
    assert "alert" not in text
    assert "https://github.com/x/y" in text and "files/slides.pdf" in text
    notes = pubconv.api.losses(Bibliography.of([pub]), fmt)
    assert [n.message for n in notes] == [
        f"x2024: {fmt} output does not show link 'Paper' (unsafe URL scheme)"
    ]


def test_a_jekyll_site_root_is_not_taken_for_a_hugo_paper(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("---\nlayout: home\ntitle: Home\n---\nHi\n", "utf-8")
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.md").write_text("---\ntitle: About\n---\n", "utf-8")
    lister = REGISTRY.get("hugo").files
    assert lister is not None
    assert lister(str(tmp_path)) == []
    with pytest.raises(UnknownFormatError):
        REGISTRY.for_path(str(tmp_path))


def test_writing_into_a_path_that_is_a_file_is_a_clean_error(tmp_path: Path) -> None:
    blocker = tmp_path / "site"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    bib = Bibliography.of([Publication("x2024", title="T")])
    with pytest.raises(PubconvError, match="cannot write"):
        pubconv.dump(bib, str(blocker), "academicpages")
