"""Command-line options as pandoc users spell them (`-f`, `-t`, `-o`), per command.

Every command that reads or writes records takes `-f/--from` and `-o/--output`; `convert` and
`cite` take `-t/--to`; each shorthand lists only the options that do something for its pair.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

import pubconv
from pubconv.cli import cli, main
from pubconv.cli.convert import PAIRS
from pubconv.model import Bibliography

ROOT = Path(__file__).resolve().parent.parent
LAB_BIB = ROOT / "fixtures" / "example" / "lab.bib"
LAB_MD = ROOT / "fixtures" / "cv" / "lab.md"
SAMPLE_JSON = ROOT / "fixtures" / "csljson" / "sample.json"
SRC = str(ROOT / "src")


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUBCONV_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def _pubconv(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run(
        [sys.executable, "-m", "pubconv", *args],
        input=stdin,
        capture_output=True,
        env=env,
        check=False,
        timeout=120,
    )


def _command(name: str) -> click.Command:
    """The command ``name`` (commands in their own modules may be loaded lazily)."""
    command = cli.get_command(click.Context(cli), name)
    assert command is not None, name
    return command


def _option_names(name: str) -> set[str]:
    command = _command(name)
    return {opt for p in command.params if isinstance(p, click.Option) for opt in p.opts}


# --- convert ------------------------------------------------------------------------------


def test_convert_reads_stdin_with_short_pandoc_options() -> None:
    """`pubconv convert -f bibtex -t csljson - < x.bib`, as in pandoc."""
    done = _pubconv("convert", "-f", "bibtex", "-t", "csljson", "-", stdin=LAB_BIB.read_bytes())
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)
    assert {item["id"] for item in items} >= {"deng2024unsupervised", "liu2024pqsam"}


def test_convert_long_options_and_output(tmp_path: Path) -> None:
    target = tmp_path / "out.data"
    code = main(["convert", "--from", "bib", "--to", "csl", "--output", str(target), str(LAB_BIB)])
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8"))[0]["id"] == "deng2024unsupervised"


def test_convert_output_format_from_extension_with_short_o(tmp_path: Path) -> None:
    target = tmp_path / "out.bib"
    assert main(["convert", str(SAMPLE_JSON), "-o", str(target)]) == 0
    assert "@inproceedings{Xiong2024PQSAM" in target.read_text(encoding="utf-8")


def test_convert_without_a_target_format_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["convert", str(LAB_BIB)]) == 2
    assert "give --to FMT" in capsys.readouterr().err


def test_wrong_from_format_is_reported_not_guessed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", "-f", "csljson", "-t", "bib", str(LAB_BIB)]) == 1
    assert capsys.readouterr().err


# --- shorthands ---------------------------------------------------------------------------

#: Options each shorthand must show, beyond -o/--output, --replace, --skip-invalid and --help.
OWN_OPTIONS = {
    "bib2csl": set(),
    "csl2bib": {"--ascii", "--dialect"},
    "md2bib": {"--ascii", "--dialect", "--keys"},
    "bib2md": {"--like", "--title"},
    "md2csl": {"--keys"},
    "csl2md": {"--like", "--title"},
}
COMMON = {"-o", "--output", "--replace", "--skip-invalid"}


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_each_shorthand_lists_only_its_own_options(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # options every shorthand shares (-o, --skip-invalid, any write option added for all
    # of them) plus exactly the ones that do something for this pair
    shared = set.intersection(*(_option_names(n) for n in PAIRS))
    assert shared >= COMMON and not shared & set().union(*OWN_OPTIONS.values())
    assert _option_names(name) - shared == OWN_OPTIONS[name]
    assert main([name, "--help"]) == 0
    shown = capsys.readouterr().out
    for option in {"--ascii", "--dialect", "--like", "--title", "--keys"}:
        assert (option in shown) == (option in OWN_OPTIONS[name]), (name, option)
    assert "-o, --output" in shown


def test_shorthand_rejects_an_option_of_another_pair(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["md2bib", str(LAB_MD), "--like", str(LAB_MD)]) == 2
    assert "No such option '--like'" in capsys.readouterr().err


def test_shorthand_options_work(tmp_path: Path) -> None:
    bib = tmp_path / "lab.bib"
    assert main(["md2bib", str(LAB_MD), "-o", str(bib), "--ascii"]) == 0
    assert bib.read_text(encoding="utf-8").isascii()
    page = tmp_path / "page.md"
    assert main(["bib2md", str(bib), "-o", str(page), "--title", "Our papers"]) == 0
    assert 'title: "Our papers"' in page.read_text(encoding="utf-8")
    again = tmp_path / "again.md"
    assert main(["csl2md", str(SAMPLE_JSON), "-o", str(again), "--like", str(page)]) == 0
    assert 'title: "Our papers"' in again.read_text(encoding="utf-8")


def test_every_record_command_has_pandoc_options() -> None:
    for name in ("convert", "cite"):
        assert {"-f", "--from", "-t", "--to", "-o", "--output"} <= _option_names(name)
    for name in PAIRS:
        assert {"-o", "--output"} <= _option_names(name)


# --- cite ---------------------------------------------------------------------------------


def test_cite_f_is_the_input_format_and_t_the_output(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["cite", "-f", "jekyll", str(LAB_MD), "-t", "markdown", "--author", "Marta Sahin"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("- ") and "<li" not in out
    assert main(["cite", str(LAB_MD), "--format", "html", "--author", "Marta Sahin"]) == 0
    assert '<div class="csl-entry">' in capsys.readouterr().out
    assert "-f" not in {o for p in _command("cite").params if p.name == "fmt" for o in p.opts}


def test_cite_f_with_an_output_format_says_what_to_write(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["cite", str(LAB_MD), "-f", "html"]) == 2
    assert "give -t html" in capsys.readouterr().err


def test_cite_numbered_does_not_swallow_the_file_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", "--numbered", str(LAB_MD), "--author", "Marta Sahin"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("1. ") and lines[-1].startswith(f"{len(lines)}. ")


@pytest.mark.parametrize(
    ("args", "first"),
    [(["--numbered=reverse"], "4. "), (["--numbered", "reverse"], "4. "), (["--numbered"], "1. ")],
)
def test_cite_numbered_values(
    args: list[str], first: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cite", str(LAB_MD), "--author", "Marta Sahin", *args]) == 0
    assert capsys.readouterr().out.startswith(first)


def test_cite_numbered_after_double_dash_is_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", str(LAB_MD), "--", "--numbered"]) == 1
    assert "--numbered" in capsys.readouterr().err


def test_cite_standalone_needs_html(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", str(LAB_MD), "--standalone", "-t", "latex"]) == 2
    assert "--standalone applies only to HTML output" in capsys.readouterr().err
    assert main(["cite", str(LAB_MD), "--standalone", "--author", "Marta Sahin"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>\n")


# --- API ----------------------------------------------------------------------------------


def test_loads_sniffs_the_format() -> None:
    from_bib = pubconv.loads(LAB_BIB.read_text(encoding="utf-8"), strict=False)
    assert from_bib.source_format == "bibtex" and len(from_bib) == 4
    from_json = pubconv.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    assert from_json.source_format == "csljson"
    page = pubconv.loads(LAB_MD.read_text(encoding="utf-8"))
    assert page.source_format == "jekyll" and len(page) > 0


def test_loads_of_unrecognisable_text_names_the_option() -> None:
    with pytest.raises(pubconv.PubconvError, match="--from"):
        pubconv.loads("just some words\n")


def test_dumps_and_dump_take_any_iterable_of_publications(tmp_path: Path) -> None:
    bib = pubconv.load(str(LAB_BIB), strict=False)
    recent = [pub for pub in bib if pub.year == 2024]
    text = pubconv.dumps(recent, "csljson")
    assert len(json.loads(text)) == len(recent) == 2  # PQ-SAM's year is its crossref's
    assert pubconv.dumps(iter(recent), "csljson") == text
    assert pubconv.dumps(Bibliography.of(recent), "csljson") == text
    pubconv.dump((p for p in recent), str(tmp_path / "recent.json"))
    assert json.loads((tmp_path / "recent.json").read_text(encoding="utf-8"))[0]["id"]


def test_dumps_refuses_what_is_not_a_publication() -> None:
    with pytest.raises(pubconv.PubconvError, match="not text"):
        pubconv.dumps("@article{x,}", "bibtex")
    with pytest.raises(pubconv.PubconvError, match="not dict"):
        pubconv.dumps([{"id": "x"}], "bibtex")  # type: ignore[list-item]
