"""Streaming in every direction (issue 10, scale): BibTeX or CSL-JSON in, BibTeX or CSL-JSON
out, the same bytes, diagnostics and exit code as reading the whole database.

Each case runs the CLI twice on the same inputs: streamed (thresholds at zero, BibTeX cut at
every block start, CSL-JSON read through a window of a few characters, so every item crosses a
window edge) and whole (:func:`pubconv.stream.can_stream` answering no).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pubconv import stream
from pubconv.cli import main
from pubconv.formats.csljson import stream as csl_stream

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BAD = FIXTURES / "bad"

BIB_INPUTS = [
    [FIXTURES / "bibtex" / "abbrev.bib"],
    [FIXTURES / "cv" / "incomplete.bib"],
    [BAD / "bibtex" / "comment-lines.bib", BAD / "bibtex" / "unknown-type.bib"],
    [BAD / "duplicate-key.bib"],
    [BAD / "case-colliding-keys.bib"],
    [BAD / "unbalanced-braces.bib"],
    [BAD / "no-records.bib"],
    [BAD / "impossible-date.bib"],
    [BAD / "repeated-field.bib", BAD / "unknown-month.bib"],
]
CSL_INPUTS = [
    [FIXTURES / "csljson" / "sample.json"],
    *([p] for p in sorted((FIXTURES / "csljson" / "bad").glob("*.json"))),
    *([p] for p in sorted(BAD.glob("*.json"))),
    [FIXTURES / "csljson" / "sample.json", FIXTURES / "csljson" / "bad" / "duplicate-ids.json"],
]


def _run(
    argv: list[str], output: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, bytes | None, str]:
    code = main([*argv, "-o", str(output)])
    written = output.read_bytes() if output.exists() else None
    if output.exists():
        output.unlink()
    return code, written, capsys.readouterr().err


def _both(
    inputs: list[Path],
    target: str,
    extra: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    window: int = 7,
) -> tuple[tuple[int, bytes | None, str], tuple[int, bytes | None, str]]:
    suffix = ".json" if target == "csljson" else ".bib"
    output = tmp_path / f"out{suffix}"
    argv = ["convert", *map(str, inputs), "--to", target, *extra]
    monkeypatch.setattr(stream, "STREAM_BYTES", 0)
    monkeypatch.setattr(stream, "PIECE_BYTES", 1)
    monkeypatch.setattr(csl_stream, "WINDOW", window)
    streams = stream.can_stream([str(p) for p in inputs], None, target, str(output))
    streamed = _run(argv, output, capsys)
    with monkeypatch.context() as whole_path:
        whole_path.setattr(stream, "can_stream", lambda *args: False)
        whole = _run(argv, output, capsys)
    assert [p.name for p in tmp_path.iterdir()] == [], "a temp file was left"
    return (streamed, whole) if streams else pytest.skip(f"{inputs} does not stream")


@pytest.mark.parametrize("extra", [[], ["--skip-invalid"]])
@pytest.mark.parametrize("target", ["csljson", "bibtex"])
@pytest.mark.parametrize("inputs", BIB_INPUTS, ids=lambda ps: "+".join(p.name for p in ps))
def test_bibtex_input_streams_as_the_whole_path_writes(
    inputs: list[Path],
    target: str,
    extra: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    streamed, whole = _both(inputs, target, extra, tmp_path, monkeypatch, capsys)
    assert streamed == whole


@pytest.mark.parametrize("extra", [[], ["--skip-invalid"]])
@pytest.mark.parametrize("target", ["csljson", "bibtex"])
@pytest.mark.parametrize("inputs", CSL_INPUTS, ids=lambda ps: "+".join(p.name for p in ps))
def test_csljson_input_streams_as_the_whole_path_writes(
    inputs: list[Path],
    target: str,
    extra: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    streamed, whole = _both(inputs, target, extra, tmp_path, monkeypatch, capsys)
    assert streamed == whole


def _items(count: int) -> list[dict[str, object]]:
    """CSL items with the shapes that matter: names, dates, numbers, Unicode, long strings,
    nested custom data, keys BibTeX cannot hold and ids that clash once made readable."""
    items: list[dict[str, object]] = []
    for i in range(count):
        item: dict[str, object] = {
            "id": f"item{i}" if i % 7 else f"weird key,{i // 14}",
            "type": ["article-journal", "book", "paper-conference", "chapter"][i % 4],
            "title": f"Deep Learning {i}: A Study of {{DNA}} and Ünïcode — “quotes” " * (1 + i % 3),
            "author": [{"family": f"Müller{i}", "given": "Anna"}, {"literal": "The Lab"}],
            "issued": {"date-parts": [[2000 + i % 25, 1 + i % 12]]},
        }
        if i % 5 == 0:
            item["volume"] = i
            item["custom"] = {"nested": {"list": [1, 2.5, None, True, "x"]}}
        if i % 11 == 0:
            item["abstract"] = "Long text. " * 300
        items.append(item)
    return items


@pytest.mark.parametrize("target", ["csljson", "bibtex"])
@pytest.mark.parametrize("window", [7, 64, 4096])
def test_generated_csljson_streams_byte_identically(
    target: str,
    window: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    path = source / "gen.json"
    path.write_text(json.dumps(_items(300), indent=1, ensure_ascii=False) + "\n", "utf-8")
    assert "duplicate id" in _run(["convert", str(path), "--to", target], tmp_path / "o", capsys)[2]
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(stream, "STREAM_BYTES", 0)
    assert stream.can_stream([str(path)], None, target, str(out / "x"))
    streamed, whole = _both([path], target, [], out, monkeypatch, capsys, window)
    assert streamed == whole
    assert streamed[0] == 0 and streamed[1]


def test_generated_bib_streams_byte_identically_to_bib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    json_path = source / "gen.json"
    json_path.write_text(json.dumps(_items(200), ensure_ascii=False), "utf-8")
    bib_path = source / "gen.bib"
    assert main(["convert", str(json_path), "--to", "bib", "-o", str(bib_path)]) == 0
    capsys.readouterr()
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(stream, "STREAM_BYTES", 0)
    assert stream.can_stream([str(bib_path)], None, "bibtex", str(out / "x"))
    for target in ("bibtex", "csljson"):
        streamed, whole = _both([bib_path], target, [], out, monkeypatch, capsys)
        assert streamed == whole
        assert streamed[0] == 0 and streamed[1]
    streamed, _ = _both([bib_path], "bibtex", [], out, monkeypatch, capsys)
    assert streamed[1] == bib_path.read_bytes()  # untouched entries: byte for byte


def test_an_existing_output_is_updated_not_streamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write rules: an existing output is updated by the normal path (records matched,
    what only it holds kept); ``--replace`` streams over it."""
    source = FIXTURES / "csljson" / "sample.json"
    output = tmp_path / "out.bib"
    output.write_text("@misc{mine, title={Kept}}\n", encoding="utf-8")
    monkeypatch.setattr(stream, "STREAM_BYTES", 0)
    calls: list[str] = []
    real = stream.convert
    monkeypatch.setattr(stream, "convert", lambda *a, **k: calls.append("stream") or real(*a, **k))
    assert main(["convert", str(source), "--to", "bib", "-o", str(output)]) == 0
    assert calls == []
    assert "@misc{mine, title={Kept}}" in output.read_text(encoding="utf-8")
    assert main(["convert", str(source), "--to", "bib", "-o", str(output), "--replace"]) == 0
    assert calls == ["stream"]
    assert "@misc{mine" not in output.read_text(encoding="utf-8")


@pytest.mark.parametrize("window", [3, 5, 7, 11])
def test_numbers_across_the_window_edge(
    window: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A top-level number (an error: items are objects) is only taken once the window shows
    where it ends: ``12345`` cut as ``123`` would leave ``45`` as a missing separator."""
    source = tmp_path / "in"
    source.mkdir()
    path = source / "numbers.json"
    items = [{"id": "a", "type": "book", "title": "A"}, 1234567, -98.7654e3, {"id": "b"}, 42]
    path.write_text("[\n" + ",\n".join(json.dumps(i) for i in items) + "\n]\n", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(stream, "STREAM_BYTES", 0)
    assert stream.can_stream([str(path)], None, "csljson", str(out / "x"))
    streamed, whole = _both([path], "csljson", ["--skip-invalid"], out, monkeypatch, capsys, window)
    assert streamed == whole
    assert "item 2 must be a JSON object, not a number" in streamed[2]


@pytest.mark.parametrize(
    "extra", [["--ascii"], ["--dialect", "biblatex"], ["--ascii", "--dialect", "bibtex"]]
)
def test_bibtex_output_options_stream_alike(
    extra: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--ascii`` and ``--dialect`` reach the streamed BibTeX writer as they reach the other."""
    source = tmp_path / "in"
    source.mkdir()
    path = source / "gen.json"
    path.write_text(json.dumps(_items(60), indent=1, ensure_ascii=False) + "\n", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(stream, "STREAM_BYTES", 0)
    assert stream.can_stream([str(path)], None, "bibtex", str(out / "x.bib"))
    streamed, whole = _both([path], "bibtex", extra, out, monkeypatch, capsys)
    assert streamed == whole
    assert streamed[0] == 0 and streamed[1]
    if "--ascii" in extra:
        assert streamed[1].isascii()
