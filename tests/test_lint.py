"""`pubconv check` as a linter: rule codes, --select/--ignore, folding, JSON, --fix, .bib rules."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

import pubconv
from pubconv.cli import main
from pubconv.lint import RULES, lint_paths
from pubconv.lint.fix import apply_fixes
from pubconv.lint.rules import chosen_codes
from pubconv.model import Link, Publication

ROOT = Path(__file__).resolve().parent.parent
CHECK = ROOT / "fixtures" / "check"


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _comparable(pub: Publication) -> Publication:
    """A record as --fix may leave it: link attributes unescaped, abstract ids renamed."""
    links = tuple(Link(k.label, k.url, k.attrs.replace("\\_blank", "_blank")) for k in pub.links)
    hints = tuple(h for h in pub.hints if h[0] not in ("jekyll.abs_id", "jekyll.div_id"))
    return dataclasses.replace(pub, origin=None, links=links, hints=hints)


# --- rules and selection ------------------------------------------------------------------


def test_rule_codes_and_names_are_unique_and_stable() -> None:
    assert len({r.name for r in RULES.values()}) == len(RULES)
    assert RULES["J001"].name == "blank-target" and RULES["B006"].name == "month-as-text"
    assert chosen_codes(["J"]) == {c for c in RULES if c.startswith("J")}
    assert chosen_codes(["blank-target,J002"]) == {"J001", "J002"}
    assert chosen_codes(ignore=["B", "incomplete-entry"]) == {
        c for c in RULES if c.startswith("J") and c != "J006"
    }


def test_unknown_rule_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["--select", "J999", str(CHECK / "clean.md")], capsys)
    assert code == 2 and "unknown rule 'J999'" in err


def test_select_and_ignore_filter_findings(capsys: pytest.CaptureFixture[str]) -> None:
    page = str(CHECK / "defects.md")
    code, out, _ = _run(["--select", "empty-link", page], capsys)
    assert code == 1 and "J001" not in out
    assert out.count("J003") == 1 and "(and 1 more in this file, line 22;" in out
    code, out, _ = _run(["--ignore", "J", page], capsys)
    assert code == 0 and out == ""


# --- output -------------------------------------------------------------------------------


def test_findings_of_one_rule_fold_into_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = "**T{n}** <br>\n_A B_ <br>\n<span><pub>V (X), 2024</pub></span> <br>\n"
    entry += '[Paper](https://e.org/{n}){{:target="\\_blank"}} |\n\n'
    page = tmp_path / "p.md"
    page.write_text("".join(entry.format(n=n) for n in range(3)), encoding="utf-8")
    code, out, _ = _run([str(page)], capsys)
    assert code == 1
    (line,) = out.splitlines()
    assert line.startswith(f"{page}:4:") and "J001" in line
    assert "(and 2 more in this file, lines 9, 14; --verbose lists each)" in line
    code, out, _ = _run(["--verbose", str(page)], capsys)
    assert [ln.split(":")[1] for ln in out.splitlines()] == ["4", "9", "14"]


def test_json_lists_every_finding(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["--format", "json", str(CHECK / "defects.md")], capsys)
    rows = json.loads(out)
    assert code == 1 and len(rows) == 8
    first = rows[0]
    assert set(first) == {
        "path", "line", "column", "severity", "code", "rule", "message", "fixable"
    }  # fmt: skip
    assert (first["line"], first["column"], first["code"], first["fixable"]) == (
        11,
        40,
        "J001",
        True,
    )


# --- --fix --------------------------------------------------------------------------------


def test_fix_repairs_mechanical_defects_and_says_what(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "defects.md"
    shutil.copy(CHECK / "defects.md", page)
    before = pubconv.load(str(page), strict=False).publications
    code, out, _ = _run(["--fix", str(page)], capsys)
    assert code == 1  # empty links and incomplete entries need a person
    assert out.splitlines()[0] == (
        f"{page}: fixed 1 x J001 blank-target, 1 x J002 duplicate-abstract-id, "
        "1 x J004 unclosed-tag, 1 x J005 stray-end-tag"
    )
    left = {line.split(" ")[2] for line in out.splitlines()[1:]}
    assert left == {"J003", "J006"}
    text = page.read_text(encoding="utf-8")
    assert 'target="\\_blank"' not in text.split("<!--")[0]
    assert "Some Challenge 2022</span> <br>" in text
    assert 'expandABS("ruiz232")' in text and 'id="ruiz232"' in text
    assert "stray  closing" in text
    assert "<span><span>" in text  # inside the comment: untouched
    assert not list(tmp_path.glob(".pubconv-*"))  # atomic write left no temporary file
    after = pubconv.load(str(page), strict=False).publications
    assert [_comparable(p) for p in after] == [_comparable(p) for p in before]
    assert _run(["--select", "J001,J002,J004,J005,J007", str(page)], capsys)[0] == 0


def test_fix_of_a_clean_file_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "clean.md"
    shutil.copy(CHECK / "clean.md", page)
    stat = page.stat()
    code, out, err = _run(["--fix", str(page)], capsys)
    assert (code, out) == (0, "") and "no defects" in err
    assert page.stat().st_mtime_ns == stat.st_mtime_ns


def test_fixes_that_overlap_wait_for_the_next_pass() -> None:
    from pubconv.errors import warning
    from pubconv.lint.rules import Edit, Finding

    rule = RULES["J001"]
    one = Finding(rule, warning("a", "p", 1, 1), (Edit(0, 3, "x"),))
    two = Finding(rule, warning("b", "p", 1, 2), (Edit(2, 4, "y"),))
    text, applied = apply_fixes("abcdef", [one, two])
    assert (text, applied) == ("xdef", [one])


# --- .bib rules ---------------------------------------------------------------------------


def test_bib_defects_each_at_its_place() -> None:
    (result,) = lint_paths([str(CHECK / "defects.bib")])
    got = [(f.diagnostic.line, f.diagnostic.column, f.rule.code) for f in result.findings]
    assert got == [
        (8, 3, "B006"),
        (9, 3, "B004"),
        (12, 1, "B003"),
        (16, 3, "B005"),
        (19, 1, "B001"),
        (24, 3, "B004"),
        (27, 1, "B002"),
        (36, 3, "B007"),
        (45, 3, "B006"),
    ]
    messages: dict[str, str] = {}
    for finding in result.findings:
        messages.setdefault(finding.rule.code, finding.diagnostic.message)
    assert messages["B003"] == "chen2023folding: @inproceedings needs booktitle"
    assert "write the bare DOI '10.1109/TIP.2024.1234567'" in messages["B004"]


def test_braces_closed_before_they_open_are_unbalanced(tmp_path: Path) -> None:
    bib = tmp_path / "odd.bib"
    bib.write_text(
        '@article{a,\n  title = "Odd } then {",\n  author = {Doe, J.},\n  journal = {J},'
        "\n  year = 2020,\n}\n\n@article{b,\n  title = {Nested {A} and \\{ literal},"
        "\n  author = {Doe, J.},\n  journal = {J},\n  year = 2021,\n}\n",
        encoding="utf-8",
    )
    (result,) = lint_paths([str(bib)])
    found = [(f.rule.code, f.diagnostic.line, f.diagnostic.column) for f in result.findings]
    assert found == [("B007", 2, 3)]


def test_bib_files_given_together_are_one_database(capsys: pytest.CaptureFixture[str]) -> None:
    """entries.bib uses abbrev.bib's macros and crossref.bib's parents: no false findings."""
    names = ["abbrev.bib", "entries.bib", "crossref.bib"]
    code, out, _ = _run([str(ROOT / "fixtures" / "bibtex" / n) for n in names], capsys)
    assert (code, out) == (0, "")
    assert _run([str(ROOT / "fixtures" / "example" / "lab.bib")], capsys)[:2] == (0, "")


def test_fix_writes_month_macros(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bib = tmp_path / "defects.bib"
    shutil.copy(CHECK / "defects.bib", bib)
    code, out, _ = _run(["--fix", "--select", "B006", str(bib)], capsys)
    assert (code, out) == (0, f"{bib}: fixed 2 x B006 month-as-text\n")
    text = bib.read_text(encoding="utf-8")
    assert "month   = jul," in text and "month    = mar," in text
    assert "month = {May} in a note" in text
    before = {p.key: p.issued for p in pubconv.load(str(CHECK / "defects.bib"), strict=False)}
    assert {p.key: p.issued for p in pubconv.load(str(bib), strict=False)} == before


def test_other_formats_are_refused_with_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "refs.json"
    shutil.copy(ROOT / "fixtures" / "csljson" / "sample.json", data)
    code, out, _ = _run([str(data)], capsys)
    assert code == 1 and f"{data}:1:1: error: J000 check reads Jekyll pages" in out


# --- the seed lab -------------------------------------------------------------------------


@pytest.mark.corpus
def test_seed_lab_each_defect_once_and_fix_keeps_the_records(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = sorted((corpus / "jekyll-seedlab").glob("*.md"))
    results = lint_paths([str(p) for p in pages])
    for result in results:
        places = [(f.rule.code, f.diagnostic.line, f.diagnostic.column) for f in result.findings]
        assert len(places) == len(set(places)), result.path
        lines_with_tags = [f.diagnostic.line for f in result.findings if f.rule.code == "J004"]
        assert len(lines_with_tags) == len(set(lines_with_tags)), result.path  # one per slip
    seed = next(r for r in results if r.path.endswith("2024-New.md"))
    codes = [f.rule.code for f in seed.findings]
    text = Path(seed.path).read_text(encoding="utf-8")
    assert codes.count("J001") == text.count('target="\\_blank"') == 16
    assert (codes.count("J002"), codes.count("J004"), len(codes)) == (1, 4, 21)
    # --fix, then check: no mechanical defect is left, and the records are the same
    work = tmp_path / "pages"
    shutil.copytree(corpus / "jekyll-seedlab", work)
    copies = sorted(str(p) for p in work.glob("*.md"))
    before = {Path(p).name: pubconv.load(p, strict=False).publications for p in copies}
    code, out, _ = _run(["--fix", *copies], capsys)
    assert code == 0 and "fixed" in out  # the seed lab's defects are all mechanical
    fixable = ",".join(r.code for r in RULES.values() if r.fixable)
    assert _run(["--select", fixable, *copies], capsys)[:2] == (0, "")
    for path in copies:
        after = pubconv.load(path, strict=False).publications
        assert [_comparable(p) for p in after] == [
            _comparable(p) for p in before[Path(path).name]
        ], path
