"""Property tests: any publications render in every kind of style and output format without an
error and without pubconv's private-use marker characters leaking into the output."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pubconv.citation import render_entries
from pubconv.model import Publication
from strategies import publications

_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
STYLES = ["apa", "ieee", "modern-language-association", "chicago-author-date", "vancouver"]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(publications(with_links=False), min_size=1, max_size=6, unique_by=lambda p: p.key),
    st.sampled_from(STYLES),
    st.sampled_from(["text", "html", "markdown", "latex"]),
)
def test_rendering_never_fails_or_leaks_markers(
    pubs: list[Publication], style: str, fmt: str
) -> None:
    # repeated authors exercise subsequent-author-substitute and disambiguation
    pubs = pubs + [
        Publication(key=p.key + "x", title="Other", authors=p.authors, issued=p.issued)
        for p in pubs[:2]
    ]
    entries = render_entries(pubs, style, fmt=fmt, cache=False, jobs=1)
    assert sorted(e.key for e in entries) == sorted(p.key for p in pubs)
    for entry in entries:
        assert not _PRIVATE_USE.search(entry.text), (style, fmt, entry.text)
