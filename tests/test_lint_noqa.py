"""``<!-- pubconv: noqa ... -->`` markers on pages, ``check --ignore-noqa``, and bib2md's markers."""

from __future__ import annotations

from pathlib import Path

import pytest

import pubconv
from pubconv.cli import main
from pubconv.lint import lint_paths
from pubconv.lint.rules import Finding
from pubconv.model import Bibliography, PartialDate, Person, Publication

FRONT = '---\ntitle: "Publications"\n---\n\n'

NO_AUTHORS = """**Learning Without Authors** <br>{marker}
<span><pub>European Conference on Computer Vision (ECCV), 2022</pub></span> <br>
[Project](https://example.org/p){{:target="\\_blank"}} |
"""

COMPLETE = """**A Complete Paper** <br>
_Bo Chen_ <br>
<span><pub>Workshop on Things (WoT), 2021</pub></span> <br>
[Paper](https://example.org/q){:target="\\_blank"} |
"""


def _page(tmp_path: Path, marker: str) -> Path:
    page = tmp_path / "page.md"
    text = FRONT + NO_AUTHORS.format(marker=marker) + "\n" + COMPLETE
    page.write_text(text, encoding="utf-8")
    return page


def _codes(findings: list[Finding]) -> list[tuple[str, int | None]]:
    return [(f.rule.code, f.diagnostic.line) for f in findings]


def test_without_a_marker_every_finding_is_reported(tmp_path: Path) -> None:
    (result,) = lint_paths([str(_page(tmp_path, ""))])
    assert _codes(result.findings) == [("J006", 5), ("J001", 7), ("J001", 12)]
    assert result.silenced == []


@pytest.mark.parametrize(
    "marker",
    [
        " <!-- pubconv: noqa J006 -->",
        " <!-- pubconv: noqa: incomplete-entry (a lab's anonymous report) -->",
        " <!--pubconv:noqa J006,J005-->",
        " <!-- PUBCONV: NOQA j006 -->",
    ],
)
def test_a_marker_silences_its_rules_in_its_own_entry_only(tmp_path: Path, marker: str) -> None:
    (result,) = lint_paths([str(_page(tmp_path, marker))])
    assert _codes(result.findings) == [("J001", 7), ("J001", 12)]
    assert _codes(result.silenced) == [("J006", 5)]


def test_a_bare_marker_silences_every_rule_of_its_entry(tmp_path: Path) -> None:
    (result,) = lint_paths([str(_page(tmp_path, " <!-- pubconv: noqa -->"))])
    assert _codes(result.findings) == [("J001", 12)]  # the next entry is not covered
    assert _codes(result.silenced) == [("J006", 5), ("J001", 7)]


def test_a_marker_for_another_rule_silences_nothing(tmp_path: Path) -> None:
    (result,) = lint_paths([str(_page(tmp_path, " <!-- pubconv: noqa J003 -->"))])
    assert _codes(result.findings) == [("J006", 5), ("J001", 7), ("J001", 12)]


def test_fix_leaves_silenced_findings_alone(tmp_path: Path) -> None:
    page = _page(tmp_path, " <!-- pubconv: noqa -->")
    (result,) = lint_paths([str(page)], fix=True)
    text = page.read_text(encoding="utf-8")
    assert _codes(result.fixed) == [("J001", 12)]
    assert text.count('{:target="\\_blank"}') == 1  # the silenced one, in the first entry
    assert result.findings == []


def test_cli_counts_silenced_findings_and_ignore_noqa_reports_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = FRONT + NO_AUTHORS.format(marker=" <!-- pubconv: noqa -->")
    path = tmp_path / "page.md"
    path.write_text(page, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    err = capsys.readouterr().err
    assert "2 finding(s) silenced by noqa markers" in err
    assert main(["check", "--ignore-noqa", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:5:1: warning: J006 entry has no authors" in out


LEE = Person(family="Lee", given="Ann")


def test_bib2md_marks_what_the_bib_lacks_and_check_then_passes(tmp_path: Path) -> None:
    bib = Bibliography(
        [
            Publication(key="manual", type="book", title="XL C User's Guide"),
            Publication(key="talk", type="document", authors=(LEE,), issued=PartialDate(1992)),
            Publication(key="full", type="book", title="Full", issued=PartialDate(2020),
                        authors=(LEE,)),
        ]
    )  # fmt: skip
    page = tmp_path / "page.md"
    page.write_text(pubconv.dumps(bib, "jekyll"), encoding="utf-8")
    text = page.read_text(encoding="utf-8")
    assert "**XL C User's Guide** <br> <!-- pubconv: noqa J006 (the source has no authors " in text
    # no title: an empty span, so kramdown does not read `****` as emphasis of `**`
    assert "**<span></span>** <br> <!-- pubconv: noqa J006 (the source has no title" in text
    assert "**Full** <br>\n" in text
    (result,) = lint_paths([str(page)])
    assert result.findings == []
    assert len(result.silenced) == 2
    again = pubconv.loads(text, "jekyll")
    assert [p.title for p in again] == ["XL C User's Guide", None, "Full"]
