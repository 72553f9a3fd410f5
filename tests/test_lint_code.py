"""`pubconv check` on Markdown that shows page syntax as code (a site's README, a how-to post):
code spans and fenced blocks are text to kramdown, so they open no tag and make no link."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pubconv.cli import main
from pubconv.lint import lint_paths
from pubconv.lint.code import code_regions

HOW_TO = """---
title: How we write the publication page
---

Each entry has a venue line, `<span><pub>Venue (ABBR), 2024</pub></span> <br>`, and links
written ``[Paper](url){:target="\\_blank"}``: see below.

```markdown
**A Title** <br>
_Ada Deng_ <br>
<span><pub>Venue, 2024</pub></span> <br>
[Code]() |
<div id="x">
```

~~~
<span> left open in a tilde fence
~~~

But this one is a real defect: <span> never closed, and [Code](#) is empty.
"""


def test_code_spans_and_fences_are_not_checked(tmp_path: Path) -> None:
    page = tmp_path / "how-to.md"
    page.write_text(HOW_TO, encoding="utf-8")
    [result] = lint_paths([str(page)])
    found = sorted((f.rule.code, f.diagnostic.line) for f in result.findings)
    assert found == [("J003", 20), ("J004", 20)], found


def test_check_passes_on_the_projects_own_readme(capsys: pytest.CaptureFixture[str]) -> None:
    """The README explains the page syntax in backticks; none of it is a page defect."""
    readme = Path(__file__).resolve().parent.parent / "README.md"
    assert main(["check", str(readme)]) == 0, capsys.readouterr()


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("a `b` c", [(2, 5)]),
        ("a ``b ` c`` d", [(2, 11)]),
        ("a `b\n\nc` d", []),  # a span does not cross a blank line
        ("``` x\n<span>\n```\nafter `y`", [(0, 16), (23, 26)]),
        ("```\nopen to the end", [(0, 19)]),
        ("`unclosed and ``double``", [(14, 24)]),
    ],
)
def test_code_regions(text: str, regions: list[tuple[int, int]]) -> None:
    assert code_regions(text) == regions


@pytest.mark.parametrize("unit", ["`", "``a", "```\n", "` \n\n", "a`b``c```"])
def test_code_regions_are_linear(unit: str) -> None:
    def cost(n: int) -> float:
        start = time.perf_counter()
        code_regions(unit * n)
        return time.perf_counter() - start

    small = min(cost(5000) for _ in range(3))
    large = min(cost(20000) for _ in range(3))
    assert large < 0.1 or large / max(small, 1e-4) < 10
