"""`pubconv check`: page defects with file:line:col, on own fixtures and the seed lab's pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from pubconv.check import check_page, check_paths
from pubconv.cli import main
from pubconv.errors import Diagnostic, Severity


def _summary(diags: list[Diagnostic]) -> list[tuple[int | None, int | None, str, str]]:
    return [(d.line, d.column, d.severity.value, d.message) for d in diags]


def test_defects_fixture_lists_every_defect_at_its_place(fixtures: Path) -> None:
    path = str(fixtures / "check" / "defects.md")
    found = _summary(check_paths([path]))
    expected_places = [
        (11, 40, "warning", 'target="\\_blank" is rendered literally'),
        (12, 1, "error", "link [Code] has empty target"),
        (19, 1, "warning", "entry has no authors"),
        # one slip, one finding: the `</span>` typed as `<span>` (it leaves both spans open)
        (21, 63, "warning", "<span> is never closed (a closing </span> written as <span>?)"),
        (22, 1, "error", "link [Project] has a placeholder ('#') target"),
        (23, 24, "error", "abstract id 'ruiz23' is already used at line 13"),
        (28, 1, "warning", "entry has no year"),
        (35, 19, "warning", "</b> closes no open <b>"),
    ]
    assert len(found) == len(expected_places), found
    for got, want in zip(found, expected_places, strict=True):
        assert got[:3] == want[:3], got
        assert got[3].startswith(want[3]), got


def test_comments_are_not_checked(fixtures: Path) -> None:
    text = (fixtures / "check" / "defects.md").read_text(encoding="utf-8")
    lines_in_comment = range(text[: text.index("<!--")].count("\n") + 1, text.count("\n") + 2)
    for diagnostic in check_page(text, "defects.md"):
        assert diagnostic.line not in lines_in_comment, diagnostic


def test_clean_page_has_no_defects(fixtures: Path) -> None:
    assert check_paths([str(fixtures / "check" / "clean.md")]) == []


def test_stale_front_matter_lines_keep_page_line_numbers() -> None:
    text = "---\ntitle: x\nmore: y\n---\n\n**T** <br>\n_A B_ <br>\n[Code](#) |\n"
    (found,) = [d for d in check_page(text, "p.md") if "placeholder" in d.message]
    assert (found.line, found.column) == (8, 1)
    assert any(d.message == "entry has no year" and d.line == 6 for d in check_page(text, "p.md"))


@pytest.mark.parametrize(
    "text",
    ["", "no entries here, just text\n", "---\ntitle: [unclosed\n---\n", "**Trunc", "<div><span>"],
)
def test_odd_pages_give_messages_not_tracebacks(text: str) -> None:
    for diagnostic in check_page(text, "odd.md"):
        assert diagnostic.path == "odd.md" and diagnostic.line is not None


def test_big_page_is_checked(fixtures: Path) -> None:
    """(Its time is measured by ``benchmarks/bench_readers.py``, not asserted here.)"""
    entry = (fixtures / "check" / "clean.md").read_text(encoding="utf-8").split("## 2024\n")[1]
    page = "---\ntitle: big\n---\n" + "".join(
        entry.replace("ruiz24", f"r{i}").replace("chen22", f"c{i}") for i in range(250)
    )
    assert check_page(page, "big.md") == []


def test_cli_exit_codes(fixtures: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(fixtures / "check" / "clean.md")]) == 0
    assert main(["check", str(fixtures / "check" / "defects.md")]) == 1
    out, err = capsys.readouterr()
    assert "defects.md:23:24: error: J002 abstract id 'ruiz23'" in out
    assert "8 defect(s) (3 error(s)) in 1 of 1 file(s)" in err
    assert main(["check"]) == 2
    assert main(["check", str(fixtures / "check" / "missing.md")]) == 2
    both = [str(fixtures / "check" / "clean.md"), str(fixtures / "check" / "defects.md")]
    assert main(["check", *both]) == 1
    assert "8 defect(s) (3 error(s)) in 1 of 2 file(s)" in capsys.readouterr().err


def test_binary_junk_is_one_located_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.md"
    junk.write_bytes(b"---\n\x00\xff\xfe binary")
    (diag,) = check_paths([str(junk)])
    assert diag.severity is Severity.ERROR and diag.line == 2
    assert main(["check", str(junk)]) == 1


@pytest.mark.corpus
def test_seed_page_defects(corpus: Path) -> None:
    path = str(corpus / "jekyll-seedlab" / "2024-New.md")
    found = check_paths([path])
    dup = [d for d in found if "abstract id" in d.message]
    assert [(d.line, d.column) for d in dup] == [(33, 24)]  # PQ-SAM toggles Shiyu's abstract
    assert "'shiyutmi24' is already used at line 22" in dup[0].message
    text = Path(path).read_text(encoding="utf-8")
    blank = [d for d in found if "rendered literally" in d.message]
    assert len(blank) == text.count('target="\\_blank"')
    spans = [d for d in found if "never closed" in d.message]
    # 3 entries with `<span style="color: green;"><span>` and the award line's `<span>`:
    # one finding each
    assert [(d.line, d.column) for d in spans] == [(21, 1), (32, 1), (45, 1), (93, 95)]
    assert spans[0].message.startswith("<span>, <span> are never closed")
    assert not [d for d in found if "entry has no" in d.message]


@pytest.mark.corpus
def test_seedlab_pages_only_the_seed_reuses_an_abstract_id(corpus: Path) -> None:
    pages = sorted((corpus / "jekyll-seedlab").glob("*.md"))
    found = check_paths([str(p) for p in pages])
    dups = {Path(d.path or "").name for d in found if "abstract id" in d.message}
    # 3D-event__2024new.md repeats `li24` only inside its commented-out stale copy
    assert dups == {"2024-New.md"}
    assert all(d.line is not None for d in found)
    heading = [d for d in found if "Markdown heading" in d.message]
    assert [Path(d.path or "").name for d in heading] == ["manipulation__denoising.md"]
