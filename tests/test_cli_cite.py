"""`pubconv cite` and `pubconv styles`: CV runs, the docs/cv.md examples, and bad input."""

from __future__ import annotations

import glob
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from pubconv.cli import main
from test_cv import compile_latex

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures" / "cv"
CITE_FIX = ROOT / "fixtures" / "cite"
DOCS = ROOT / "docs" / "cv.md"
LAB = str(FIX / "lab.md")


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUBCONV_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``pubconv cite ARGS`` (or ``pubconv styles ...``): exit code, stdout, stderr."""
    code = main(args if args[:1] == ["styles"] else ["cite", *args])
    out, err = capsys.readouterr()
    return code, out, err


# --- CV runs ---------------------------------------------------------------------------


def test_cv_html_by_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "cv.html"
    code, _, err = run(
        [LAB, "--author", "Marta Sahin", "--highlight", "Sahin, M.", "--group-by", "year",
         "--sort", "date", "--numbered=reverse", "-o", str(target)],
        capsys,
    )  # fmt: skip
    assert code == 0, err
    assert "park2022echoa: merged into park2022echo" in err
    root = lxml_html.fragment_fromstring(target.read_text(encoding="utf-8"))
    assert [h.text for h in root.iter("h2")] == ["2024", "2022", "2021"]
    assert [o.get("start") for o in root.iter("ol")] == ["4", "2", "1"]
    assert all(o.get("reversed") for o in root.iter("ol"))
    assert len(list(root.iter("li"))) == 4


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        (["--numbered"], ["1", "2", "3", "4", "5"]),
        (["--numbered=reverse"], ["5", "4", "3", "2", "1"]),
    ],
)
def test_numbered_flag_and_value(
    flag: list[str], expected: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run([LAB, "--sort", "title", "--dedupe", *flag], capsys)
    assert code == 0, err
    assert re.findall(r"^(\d+)\. ", out, re.M) == expected
    titles = [line.split(". ", 1)[1] for line in out.splitlines()]
    assert titles[0].startswith("Núñez, A., & Şahin, M. (2024). A 50% Faster")


def test_filters_types_and_years(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        [LAB, "--type", "article-journal", "--since", "2022", "--until", "2024", "-t", "text"],
        capsys,
    )
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 2
    assert any("Hearing Shapes" in line for line in lines)
    assert any("Never Quiet" in line for line in lines)


@pytest.mark.interop
def test_latex_output_compiles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "cv.tex"
    code, _, err = run(
        [LAB, "--style", "nature", "--highlight", "Marta Sahin", "--group-by", "type",
         "--numbered=reverse", "-o", str(target)],
        capsys,
    )  # fmt: skip
    assert code == 0, err
    tex = target.read_text(encoding="utf-8")
    assert r"\subsection*{Journal Articles}" in tex
    assert r"\textbf{" in tex
    compile_latex(tex, tmp_path)


def test_styles_lists_and_searches(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["styles", "vancouver"], capsys)
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert "elsevier-vancouver" in names
    assert all("vancouver" in line.lower() for line in out.splitlines())
    code, out, _ = run(["styles", "APA", "7th"], capsys)
    assert code == 0
    assert "apa" in [line.split()[0] for line in out.splitlines()]
    code, out, _ = run(["styles"], capsys)
    assert code == 0
    assert len(out.splitlines()) > 1000  # every bundled style, dependent ones included
    code, _, err = run(["styles", "zzqqxx"], capsys)
    assert code == 1
    assert "no CSL style matches 'zzqqxx'" in err


# --- bad input: exit 1, a clear message, no traceback, nothing written -------------------


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    target = tmp_path / "out.txt"
    target.write_text("previous contents\n", encoding="utf-8")
    return target


def assert_failed(code: int, err: str, target: Path, pattern: str, expected_code: int = 1) -> None:
    assert code == expected_code, err
    assert re.search(pattern, err), err
    assert "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "previous contents\n"
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp file left


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        (["--style", "apaa"], r"unknown CSL style 'apaa' \(did you mean: apa"),
        (["--style", str(CITE_FIX / "malformed.csl")], r"malformed CSL style"),
        (["--style", str(CITE_FIX / "xxe.csl")], r"declares XML entities"),
        (["--style", str(CITE_FIX / "no-bibliography.csl")], r"no bibliography section"),
        (["--style", "missing/style.csl"], r"style file not found"),
        (["--locale", "xx-YY"], r"unknown CSL locale 'xx-YY'"),
        (["--author", "Nobody Atall"], r"no publication matches the selection"),
    ],
)
def test_bad_style_locale_selection(
    args: list[str], pattern: str, existing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run([LAB, *args, "-o", str(existing)], capsys)
    assert_failed(code, err, existing, pattern)
    assert out == ""


def test_external_entity_is_not_resolved(
    existing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run([LAB, "--style", str(CITE_FIX / "xxe.csl"), "-o", str(existing)], capsys)
    assert_failed(code, err, existing, "entities")
    assert "root:" not in out + err  # /etc/passwd was not read into anything


def test_incomplete_publication_rendered_with_warning_or_refused_with_strict(
    existing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = str(FIX / "incomplete.md")
    code, _, err = run([page, "--strict", "-o", str(existing)], capsys)
    assert_failed(code, err, existing, r"incomplete\.md:7:1: error: sahinpaper: no date")
    assert "--strict" in err
    code, _, err = run([page, "-o", str(existing)], capsys)
    assert code == 0, err
    text = existing.read_text(encoding="utf-8")
    assert "A Paper Without a Year" in text
    assert "n.d." in text
    assert "incomplete.md:7:1: warning: sahinpaper: no date" in err


def test_incomplete_bib_entries(existing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([str(FIX / "incomplete.bib"), "--strict", "-o", str(existing)], capsys)
    assert_failed(
        code, err, existing, r"incomplete\.bib:3:1: error: anonymous2020report: no authors"
    )
    assert "sahin0000undated: no date" in err
    code, out, err = run([str(FIX / "incomplete.bib")], capsys)
    assert code == 0, err
    assert "incomplete.bib:3:1: warning: anonymous2020report: no authors" in err
    assert "n.d." in out


def test_plain_bibliography_keeps_both_versions_unless_dedupe(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run([LAB, "--sort", "title"], capsys)
    assert code == 0, err
    assert len(out.splitlines()) == 6 and "merged" not in err
    code, out, err = run([LAB, "--sort", "title", "--dedupe"], capsys)
    assert len(out.splitlines()) == 5
    assert "warning: park2022echoa: merged into park2022echo" in err
    assert "same title, year and venue" in err


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        (["--type", "artcle"], r"unknown publication type 'artcle' \(did you mean: article"),
        (["--since", "2024", "--until", "2020"], r"--since 2024 is after --until 2020"),
        (["--sort", "random"], r"'random' is not one of"),
        (["--numbered=backwards"], r"'backwards' is not one of"),
        (["--group-by", "venue"], r"'venue' is not one of"),
    ],
)
def test_usage_errors_exit_2(
    args: list[str], pattern: str, existing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run([LAB, *args, "-o", str(existing)], capsys)
    assert_failed(code, err, existing, pattern, expected_code=2)


def test_unreadable_input(existing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([str(FIX / "does-not-exist.md"), "-o", str(existing)], capsys)
    assert_failed(code, err, existing, r"does-not-exist\.md: error: cannot read")


# --- docs/cv.md works as written -----------------------------------------------------------


def _blocks(lang: str) -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    return re.findall(rf"^```{lang}\n(.*?)^```", text, re.M | re.S)


def _commands() -> list[list[str]]:
    commands = []
    for block in _blocks("sh"):
        for command in block.replace("\\\n", " ").splitlines():
            if command.strip():
                commands.append(shlex.split(command))
    return commands


def _run_docs_command(argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert argv[:2] == ["pubconv", "cite"]
    args: list[str] = []
    output = None
    previous = ""
    for arg in argv[2:]:
        if previous == "-o":
            output = tmp_path / arg
            args.append(str(output))
        elif "*" in arg:
            matches = sorted(glob.glob(str(ROOT / arg)))
            assert matches, arg
            args.extend(matches)
        else:
            args.append(str(ROOT / arg) if arg.startswith(("fixtures/", "../")) else arg)
        previous = arg
    assert output is not None
    code = main(["cite", *args])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Traceback" not in err
    return output


def test_docs_fixture_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fixture_commands = [c for c in _commands() if any(a.startswith("fixtures/") for a in c)]
    assert fixture_commands
    for argv in fixture_commands:
        out = _run_docs_command(argv, tmp_path, capsys)
        root = lxml_html.fragment_fromstring(out.read_text(encoding="utf-8"))
        entries = root.find_class("csl-entry")
        assert len(entries) == 4
        assert [h.text for h in root.iter("h2")] == ["Imaging", "Theory"]
        assert {b.text for e in entries for b in e.iter("b")} == {"M. Şahin", "M. Sahin"}
        assert all(list(e.iter("b")) for e in entries)


@pytest.mark.corpus
def test_docs_seed_lab_cv(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commands = [c for c in _commands() if any("jekyll-seedlab" in a for a in c)]
    assert len(commands) == 3
    outputs = {p.suffix: p for p in (_run_docs_command(c, tmp_path, capsys) for c in commands)}
    assert set(outputs) == {".md", ".html", ".tex"}

    markdown = outputs[".md"].read_text(encoding="utf-8")
    shown = markdown.splitlines()
    numbers = [int(m) for m in re.findall(r"^(\d+)\\\. ", markdown, re.M)]
    assert numbers == list(range(len(numbers), 0, -1))
    years = [int(line[3:]) for line in shown if line.startswith("## ")]
    assert years == sorted(years, reverse=True)
    entries = [line for line in shown if re.match(r"\d+\\\. ", line)]
    assert all("**Xiong, Z.**" in e for e in entries)
    # the sample in the docs is the real start of the file
    sample = _blocks("markdown")[0]
    assert markdown.startswith(sample)

    page = outputs[".html"].read_text(encoding="utf-8")
    root = lxml_html.fragment_fromstring(page)
    items = list(root.iter("li"))
    assert len(items) == len(entries)
    assert all(any(b.text == "Xiong, Z." for b in li.iter("b")) for li in items)
    assert root.find(".//ol").get("start") == str(len(entries))
    # parses as strict XML too (every tag closed, every & escaped)
    from lxml import etree

    etree.fromstring(page.encode("utf-8"))

    tex = outputs[".tex"].read_text(encoding="utf-8")
    labels = [int(n) for n in re.findall(r"\\item\[(\d+)\.\]", tex)]
    assert labels == numbers
    assert tex.count(r"\textbf{Xiong, Z.}") == len(entries)


@pytest.mark.corpus
@pytest.mark.interop
def test_docs_seed_lab_latex_compiles(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (command,) = [c for c in _commands() if "jekyll-seedlab" in " ".join(c) and "cv.tex" in c]
    tex = _run_docs_command(command, tmp_path, capsys).read_text(encoding="utf-8")
    compile_latex(tex, tmp_path)


@pytest.mark.corpus
def test_docs_python_example(corpus: Path) -> None:
    (code,) = _blocks("python")
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PUBCONV_CACHE_DIR": os.environ["PUBCONV_CACHE_DIR"]},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "## 2024\n"


def test_style_urls_name_bundled_styles_and_are_never_downloaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A style's id URL or a link to a bundled style's file is that bundled style; any other URL
    is refused with what to do (no network at run time), not looked up as a local file."""
    from pubconv.citation.styles import resolve_style
    from pubconv.errors import CitationError

    apa = resolve_style("apa")
    assert resolve_style("http://www.zotero.org/styles/apa") == apa
    assert resolve_style("https://example.org/styles/apa.csl") == apa
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.csl").write_text("<style/>", encoding="utf-8")  # a local file of that name
    with pytest.raises(CitationError, match=r"does not download styles; save the \.csl file"):
        resolve_style("https://example.org/x.csl")
