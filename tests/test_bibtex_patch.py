"""A changed BibTeX entry keeps its own layout: only changed values and new fields differ."""

from __future__ import annotations

from pubconv.formats.bibtex.patch import patch_entry

ALIGNED = "@article{k,\n  title     = {Old},\n  year      = 2024,\n}"
NO_TRAILING_COMMA = "@article{k,\n\ttitle = {Old},\n\tyear = 2024\n}"


def test_a_changed_value_is_replaced_in_place() -> None:
    lines = [("title", "{New}"), ("year", "2024")]
    assert patch_entry(ALIGNED, lines) == ALIGNED.replace("{Old}", "{New}")


def test_new_fields_are_aligned_like_the_last_one() -> None:
    lines = [("title", "{Old}"), ("year", "2024"), ("doi", "{10.1/x}"), ("volume", "{3}")]
    assert patch_entry(ALIGNED, lines) == (
        "@article{k,\n  title     = {Old},\n  year      = 2024,\n"
        "  doi       = {10.1/x},\n  volume    = {3},\n}"
    )


def test_an_entry_without_a_trailing_comma_keeps_that_style() -> None:
    lines = [("title", "{Old}"), ("year", "2024"), ("doi", "{10.1/x}")]
    assert patch_entry(NO_TRAILING_COMMA, lines) == (
        "@article{k,\n\ttitle = {Old},\n\tyear = 2024,\n\tdoi = {10.1/x}\n}"
    )


def test_crlf_entries_get_crlf_lines() -> None:
    raw = ALIGNED.replace("\n", "\r\n")
    lines = [("title", "{Old}"), ("year", "2024"), ("doi", "{d}")]
    assert patch_entry(raw, lines) == raw.replace("2024,\r\n}", "2024,\r\n  doi       = {d},\r\n}")


def test_removed_or_reordered_fields_are_not_patched() -> None:
    assert patch_entry(ALIGNED, [("title", "{Old}")]) is None
    assert patch_entry(ALIGNED, [("year", "2024"), ("title", "{Old}")]) is None
    assert patch_entry("@string{a = {b}}", [("a", "{b}")]) is None
