"""`pubconv sync` and the safe one-way commands: matching, reports, minimal updates."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

import pubconv
from pubconv.cli import main
from pubconv.sync import diff, sync
from pubconv.sync.report import schema, to_json

SEED_OLD = "biomedical-imaging__2024new.at-6d39949-2024-07-05.md"


@pytest.fixture
def site(tmp_path: Path, fixtures: Path) -> tuple[Path, Path]:
    """A copy of the in-sync fixture pair: a page and a .bib in different folders."""
    shutil.copytree(fixtures / "sync", tmp_path / "sync")
    return tmp_path / "sync" / "site" / "publications.md", tmp_path / "sync" / "bib" / "lab.bib"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def added_lines(before: str, after: str) -> list[str]:
    """The lines a unified diff of ``before`` -> ``after`` adds; fails on any removed line."""
    added: list[str] = []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        assert not line.startswith("-"), f"a line was removed or changed: {line!r}"
        added.append(line[1:])
    return added


# --- what the issue must show -------------------------------------------------------------


def test_old_seed_page_against_bib_of_new_page(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = corpus / "jekyll-seedlab"
    old = tmp_path / "old.md"
    shutil.copy(seed / SEED_OLD, old)
    lab = tmp_path / "lab.bib"
    assert run(capsys, "md2bib", str(seed / "2024-New.md"), "-o", str(lab))[0] == 0
    lab_before = lab.read_bytes()
    assert (
        run(capsys, "bib2md", str(lab), "--like", str(old), "-o", str(tmp_path / "want.md"))[0] == 0
    )

    plan = diff([str(old), str(lab)])
    assert sorted(p.key for p in plan.database_only) == ["deng2024unsupervised", "liu2024pq"]
    assert plan.site_only == [] and plan.ambiguous == []
    by_key = {p.site.key: p for p in plan.differing}
    links = next(d for d in by_key["chen2024bimcv"].differences if d.name == "links")
    assert links.left[0].url == "https://arxiv.org/abs/2403.15992"  # the page's arXiv link
    assert links.right[0].url.startswith("https://papers.miccai.org/")  # the published one
    assert {d.name for d in by_key["wang2024joint"].differences} == {"abstract", "links"}
    code, out, _ = run(capsys, "sync", str(old), str(lab), "--check")
    assert code == 1
    assert f"{lab}:1: only in the database: deng2024unsupervised" in out
    assert f"{old}:21 <-> {lab}:40: chen2024bimcv differ (by key)" in out

    code, _, _ = run(capsys, "sync", str(old), str(lab), "--write", "page", "--prefer", "bib")
    assert code == 0
    assert old.read_text(encoding="utf-8") == (tmp_path / "want.md").read_text(encoding="utf-8")
    assert lab.read_bytes() == lab_before
    code, out, _ = run(capsys, "sync", str(old), str(lab), "--check")
    assert (code, out.strip().endswith("in sync")) == (0, True)


def _drop_entry(page: str, title_start: str, next_title_start: str) -> str:
    return page[: page.index(title_start)] + page[page.index(next_title_start) :]


def test_hand_edited_bib_gets_only_the_new_entry(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full = (corpus / "jekyll-seedlab" / "2024-New.md").read_text(encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(_drop_entry(full, "**PQ-SAM", "**Joint EM"), encoding="utf-8")
    lab = tmp_path / "lab.bib"
    assert run(capsys, "md2bib", str(page), "-o", str(lab))[0] == 0
    text = lab.read_text(encoding="utf-8")
    # By hand: a comment and a macro, fields added, an entry's field order changed.
    text = "% kept by hand\n@string{tmi = {IEEE Transactions on Medical Imaging}}\n\n" + text
    text = text.replace(
        "  year = {2024},\n", "  year = {2024},\n  volume = {43},\n  pages = {1--12},\n", 1
    )
    text = text.replace(
        "  booktitle = {International Conference on Medical Image",
        "  abbr = {MICCAI},\n  booktitle = {International Conference on Medical Image",
        1,
    )
    text = text.replace("  abbr = {MICCAI},\n  year = {2024},\n", "  year = {2024},\n", 1)
    lab.write_text(text, encoding="utf-8")
    assert pubconv.load(str(lab)).by_key()["wang2024joint"].container_short == "MICCAI"

    page.write_text(full, encoding="utf-8")  # one paper added to the page
    code, out, _ = run(capsys, "sync", str(page), str(lab), "--write", "bib")
    assert code == 0, out
    after = lab.read_text(encoding="utf-8")
    start = after.index("@inproceedings{liu2024pq,")
    end = after.index("\n}\n", start) + 3
    assert after[:start] + after[end + 1 :] == text  # only the new entry and its blank line
    assert after[end] == "\n" and len(added_lines(text, after)) == 13
    # md2bib again onto the edited .bib keeps every hand-added field and changes nothing.
    assert run(capsys, "md2bib", str(page), "-o", str(lab))[0] == 0
    assert lab.read_text(encoding="utf-8") == after
    assert "  volume = {43},\n  pages = {1--12},\n" in after


def test_new_bib_paper_lands_under_its_year_in_page_style(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    page, lab = site
    before = page.read_text(encoding="utf-8")
    with lab.open("a", encoding="utf-8") as handle:
        handle.write(
            "\n@inproceedings{tan2024origami,\n"
            "  author = {Tan, Bo and Quill, Ada},\n"
            "  title = {Origami Apertures},\n"
            "  booktitle = {Conference on Folded Vision},\n"
            "  abbr = {CFV},\n"
            "  year = {2024},\n"
            "  pages = {5--9},\n"
            "  html = {https://example.org/origami.pdf},\n"
            "  abstract = {Paper folds.},\n"
            "}\n"
        )
    code, out, _ = run(capsys, "sync", str(page), str(lab), "--write", "page")
    assert code == 0, out
    after = page.read_text(encoding="utf-8")
    assert added_lines(before, after) == [
        "**Origami Apertures** <br>",
        "_Bo Tan, Ada Quill_ <br>",
        "<span><pub>Conference on Folded Vision (CFV), 2024</pub></span> <br>",
        '[Paper](https://example.org/origami.pdf){:target="\\_blank"} |',
        "<a onclick='expandABS(\"tan2024origami\")'> Abstract </a>",
        "",
        '<div style="display: none;" class=abs id="tan2024origami"><br>',
        "Paper folds.",
        "</div>",
        "",
    ]
    # It sits under "## 2024", after its neighbour in the .bib (the last 2024 entry).
    back = pubconv.load(str(page))
    assert [(p.key, p.section) for p in back][-1] == ("tan2024origami", "2024")
    assert run(capsys, "sync", str(page), str(lab), "--check")[0] == 0


def test_newest_paper_goes_first_on_a_newest_first_page(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    page, lab = site
    lab.write_text(
        lab.read_text(encoding="utf-8")
        + "\n@article{weber2026glass,\n  author = {Weber, Jonas},\n  title = {Glass},\n"
        "  journal = {Journal of Soft Optics},\n  year = {2026},\n}\n",
        encoding="utf-8",
    )
    assert run(capsys, "sync", str(page), str(lab), "--write", "page")[0] == 0
    keys = [p.key for p in pubconv.load(str(page))]
    assert keys[0] == "weber2026glass"  # not appended below the 2024 papers


# --- scenarios ------------------------------------------------------------------------------


def test_one_side_empty_fills_it(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    page, lab = site
    empty = lab.with_name("new.bib")
    empty.write_text("", encoding="utf-8")
    code, out, _ = run(capsys, "sync", str(page), str(empty), "--write", "bib")
    assert code == 0, out
    assert [p.key for p in pubconv.load(str(empty))] == [
        "quill2025tidal",
        "quill2024folding",
        "weber2024soft",
    ]
    assert run(capsys, "sync", str(page), str(empty), "--check")[0] == 0


def test_duplicates_within_a_side_are_reported_not_added(site: tuple[Path, Path]) -> None:
    page, lab = site
    text = lab.read_text(encoding="utf-8")
    lab.write_text(
        text + "\n@article{weber2024softcopy,\n  author = {Weber, Jonas and Quill, Ada},\n"
        "  title = {Soft lenses for hard problems},\n  journal = {Journal of Soft Optics},\n"
        "  year = {2024},\n}\n",
        encoding="utf-8",
    )
    plan = sync([str(page), str(lab)], write="page", dry_run=True)
    assert [(s, a.key, b.key) for s, a, b in plan.duplicates] == [
        ("right", "weber2024soft", "weber2024softcopy")
    ]
    assert plan.database_only == [] and plan.updates == {}
    assert "repeats weber2024soft" in pubconv.sync.report.to_text(plan)


def test_same_paper_under_two_keys_is_matched_by_title(site: tuple[Path, Path]) -> None:
    page, lab = site
    lab.write_text(
        lab.read_text(encoding="utf-8").replace("quill2024folding", "Quill:CFV24"),
        encoding="utf-8",
    )
    plan = diff([str(page), str(lab)])
    pair = next(p for p in plan.pairs if p.database.key == "Quill:CFV24")
    assert (pair.site.key, pair.how, pair.differences) == ("quill2024folding", "title", ())
    assert plan.in_sync


def test_titles_differing_in_case_accents_and_latex_match(site: tuple[Path, Path]) -> None:
    page, lab = site
    text = lab.read_text(encoding="utf-8").replace("quill2024folding", "qf")
    text = text.replace(
        "{Folding Light Fields with Paper Cranes}", "{{F}olding light fields with p\\'aper cranes}"
    )
    lab.write_text(text, encoding="utf-8")
    plan = diff([str(page), str(lab)])
    pair = next(p for p in plan.pairs if p.database.key == "qf")
    assert pair.how == "title"
    assert [d.name for d in pair.differences] == ["title"]  # reported, but the same paper


def test_preprint_and_published_version(site: tuple[Path, Path]) -> None:
    page, lab = site
    text = lab.read_text(encoding="utf-8").replace("weber2024soft", "weber2023soft")
    text = text.replace(
        "  journal = {Journal of Soft Optics},\n  shortjournal = {JSO},\n  year = {2024},",
        "  journal = {arXiv preprint arXiv:2301.00001},\n  year = {2023},",
    )
    lab.write_text(text, encoding="utf-8")
    plan = sync([str(page), str(lab)], write="both", dry_run=True)
    pair = next(p for p in plan.pairs if p.database.key == "weber2023soft")
    assert pair.how == "preprint"
    assert not plan.in_sync and plan.updates == {}  # reported, neither side changed
    assert "preprint and published version" in pubconv.sync.report.to_text(plan)
    settled = sync([str(page), str(lab)], write="bib", prefer="page", dry_run=True)
    assert "journal = {Journal of Soft Optics}" in settled.updates[str(lab)]


def test_conflicting_years_with_and_without_prefer(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    page, lab = site
    text = lab.read_text(encoding="utf-8").replace("  year = 2024,", "  year = 2023,")
    lab.write_text(text, encoding="utf-8")
    page_before = page.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "sync", str(page), str(lab), "--write", "both")
    assert code == 0
    assert "conflict in issued of quill2024folding: left alone" in out
    assert (page.read_text(encoding="utf-8"), lab.read_text(encoding="utf-8")) == (
        page_before,
        text,
    )
    assert run(capsys, "sync", str(page), str(lab), "--check")[0] == 1
    code, _, _ = run(capsys, "sync", str(page), str(lab), "--write", "bib", "--prefer", "page")
    assert code == 0
    changed = [
        line
        for line in difflib.unified_diff(
            text.splitlines(), lab.read_text(encoding="utf-8").splitlines(), lineterm="", n=0
        )
        if not line.startswith(("---", "+++", "@@"))
    ]
    assert changed == ["-  year = 2023,", "+  year = {2024},"]
    assert run(capsys, "sync", str(page), str(lab), "--check")[0] == 0


def test_json_report_follows_its_schema(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    page, lab = site
    lab.write_text(
        lab.read_text(encoding="utf-8").replace("  year = 2024,", "  year = 2023,")
        + "\n@misc{extra2020,\n  title = {Only Here},\n  year = {2020},\n}\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "sync", str(page), str(lab), "--check", "--format", "json")
    assert code == 1
    data = json.loads(out)
    jsonschema.validate(data, schema())
    assert data["in_sync"] is False
    assert [r["key"] for r in data["database_only"]] == ["extra2020"]
    differing = [m for m in data["matched"] if m["differences"]]
    assert differing[0]["differences"] == [
        {"field": "issued", "site": "2024", "database": "2023", "kind": "conflict"}
    ]
    plan = sync([str(page), str(lab)], write="both", dry_run=True)
    jsonschema.validate(to_json(plan), schema())


def test_ambiguous_matches_are_reported_never_guessed(site: tuple[Path, Path]) -> None:
    page, lab = site
    text = lab.read_text(encoding="utf-8").replace("quill2024folding", "a1")
    first = text[text.index("@inproceedings{a1") : text.index("@article{weber")]
    # A workshop version with the same title, authors and year: no way to tell which is meant.
    second = first.replace("{a1,", "{a2,").replace("Conference on Folded", "Workshop on Folded")
    lab.write_text(text + "\n" + second, encoding="utf-8")
    plan = sync([str(page), str(lab)], write="bib", dry_run=True)
    assert [(a.record.key, sorted(c.key for c in a.candidates)) for a in plan.ambiguous] == [
        ("quill2024folding", ["a1", "a2"])
    ]
    assert "a1" not in {p.database.key for p in plan.pairs}
    assert plan.updates == {} and not plan.in_sync


# --- one-way commands and safety -------------------------------------------------------------


def test_input_without_records_is_an_error_and_output_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fixtures: Path
) -> None:
    paper = tmp_path / "2020-paper.md"
    paper.write_text("---\ntitle: 'A Paper'\ncollection: publications\n---\nAbstract.\n")
    out = tmp_path / "real.bib"
    shutil.copy(fixtures / "sync" / "bib" / "lab.bib", out)
    before = out.read_bytes()
    code, _, err = run(capsys, "md2bib", str(paper), "-o", str(out))
    assert code == 1
    assert f"{paper}: error: no publications found; is this a jekyll file? (--from to choose" in err
    assert out.read_bytes() == before


def test_replace_overwrites_and_update_keeps(
    site: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page, lab = site
    before = lab.read_text(encoding="utf-8")
    assert run(capsys, "md2bib", str(page), "-o", str(lab))[0] == 0
    assert lab.read_text(encoding="utf-8") == before  # all in sync: nothing to change
    assert run(capsys, "md2bib", str(page), "-o", str(lab), "--replace")[0] == 0
    replaced = lab.read_text(encoding="utf-8")
    assert "@string{tio" not in replaced and "volume" not in replaced


def test_bib_with_unreadable_blocks_is_never_rewritten(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    page, lab = site
    text = lab.read_text(encoding="utf-8")
    text = text[: text.index("@article{weber2024soft")]  # the page has a paper the .bib lacks
    broken = text + "\n@article{broken,\n  title = {Unclosed\n"
    lab.write_text(broken, encoding="utf-8")
    code, _, err = run(capsys, "sync", str(page), str(lab), "--write", "bib")
    assert code == 1
    assert "never rewritten" in err
    assert lab.read_text(encoding="utf-8") == broken
    code, _, err = run(capsys, "md2bib", str(page), "-o", str(lab))
    assert code == 1 and lab.read_text(encoding="utf-8") == broken


def test_sync_needs_both_sides(site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, lab = site
    code, _, err = run(capsys, "sync", str(lab))
    assert code == 1 and "give both kinds" in err
    code, _, err = run(capsys, "sync", str(lab), "--check", "--write", "bib")
    assert code == 2


def test_pre_commit_hooks_are_declared() -> None:
    import yaml

    root = Path(__file__).resolve().parent.parent
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert by_id["pubconv-sync"]["entry"] == "pubconv sync --check"
    assert by_id["pubconv-check"]["entry"] == "pubconv check"
    assert all(hook["language"] == "python" for hook in hooks)


def test_academicpages_folder_against_bib_one_paper_added_each_side(
    tmp_path: Path, fixtures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "site" / "_publications"
    shutil.copytree(fixtures / "academicpages" / "_publications", folder)
    lab = tmp_path / "lab.bib"
    assert run(capsys, "convert", str(folder), "--to", "bibtex", "-o", str(lab))[0] == 0
    assert run(capsys, "sync", str(folder), str(lab), "--check")[0] == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    bib_before = lab.read_text(encoding="utf-8")
    lab.write_text(
        bib_before + "\n@article{quill2025new,\n  author = {Quill, Ada},\n"
        "  title = {A New Paper},\n  journal = {Journal of Tests},\n  year = {2025},\n}\n",
        encoding="utf-8",
    )
    (folder / "2024-06-01-page-only.md").write_text(
        "---\ntitle: 'Only On The Site'\ncollection: publications\n"
        "permalink: /publication/2024-06-01-page-only\ndate: 2024-06-01\n"
        "venue: 'Workshop on Sites'\n---\nAn abstract.\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "sync", str(folder), str(lab), "--write", "both")
    assert code == 0, out
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert {n: files[n] for n in before} == before  # untouched papers byte-identical
    assert "2025-01-01-a-new-paper.md" in files
    assert lab.read_text(encoding="utf-8").startswith(bib_before)  # only appended
    assert "{Only On The Site}" in lab.read_text(encoding="utf-8")
    assert run(capsys, "sync", str(folder), str(lab), "--check")[0] == 0


def test_an_empty_page_is_filled_and_crossref_parents_are_not_papers(
    tmp_path: Path, fixtures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "publications.md"
    page.write_text("---\ntitle: Publications\n---\n\n## Papers\n\n", encoding="utf-8")
    lab = tmp_path / "lab.bib"
    shutil.copy(fixtures / "example" / "lab.bib", lab)
    code, out, _ = run(capsys, "sync", str(page), str(lab), "--write", "page")
    assert code == 0, out
    back = {p.title: p for p in pubconv.load(str(page))}
    assert sorted(back) == [
        "A Survey of 3D Event Cameras & Their Uses",
        "PQ-SAM: Post-training Quantization for Segment Anything Model",
        "Unsupervised Domain Adaptation for EM Image Denoising with Invertible Networks",
    ]
    # the venue the paper inherits from its @proceedings parent, which is not listed itself
    pq = back["PQ-SAM: Post-training Quantization for Segment Anything Model"]
    assert pq.container_title == "European Conference on Computer Vision 2024"
    assert "eccv2024" not in out


def test_a_file_of_another_layout_is_not_an_empty_side(
    tmp_path: Path, fixtures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paper = tmp_path / "paper.md"  # some other layout's page: read as a Jekyll page, no entries
    paper.write_text("---\ntitle: 'A Paper'\nlayout: single\n---\nAn abstract, no entries.\n")
    before = paper.read_bytes()
    lab = tmp_path / "lab.bib"
    shutil.copy(fixtures / "sync" / "bib" / "lab.bib", lab)
    code, _, err = run(capsys, "sync", str(paper), str(lab), "--write", "page")
    assert code == 1
    assert "no publications found; is this a jekyll file?" in err
    assert paper.read_bytes() == before
