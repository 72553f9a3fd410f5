"""Property: random publications written as a page and read back keep what a page shows."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pubconv
from pubconv.formats.jekyll.authors import MARK_ROLES
from pubconv.model import Bibliography, Person, Publication
from pubconv.registry import WriteOptions
from strategies import abstract_text, dates, links, persons, plain_text, title_text

_SUFFIX_LIKE = {"Jr", "Sr", "II", "III", "IV"}

page_persons = st.builds(
    lambda p, roles: dataclasses.replace(p, roles=roles),
    persons.filter(lambda p: p.literal is None and p.family not in _SUFFIX_LIKE),
    st.lists(st.sampled_from(sorted(MARK_ROLES.values())), max_size=2, unique=True).map(tuple),
)

page_publications = st.builds(
    Publication,
    key=st.text(alphabet="abcdefghij", min_size=2, max_size=6),
    type=st.sampled_from(["paper-conference", "article-journal"]),
    title=title_text,
    authors=st.lists(page_persons, min_size=1, max_size=5).map(tuple),
    issued=dates.map(lambda d: dataclasses.replace(d, month=None, day=None)),
    container_title=plain_text,
    container_short=st.one_of(st.none(), st.sampled_from(["CVPR", "T-MI", "ECCV", "TPAMI"])),
    note=st.one_of(st.none(), st.sampled_from(["Oral", "Spotlight", "Highlight"])),
    links=links,
    abstract=st.one_of(st.none(), abstract_text, plain_text),
    award=st.one_of(st.none(), plain_text),
    section=st.one_of(st.none(), st.sampled_from(["2024 New", "Topic & More"])),
)

SHOWN = (
    "title",
    "authors",
    "container_title",
    "container_short",
    "issued",
    "note",
    "links",
    "abstract",
    "award",
    "section",
)


def shown(pub: Publication) -> tuple[object, ...]:
    return tuple(getattr(pub, name) for name in SHOWN)


def in_page_order(pubs: list[Publication]) -> list[Publication]:
    """Entries without a section come first, then each section in order of first appearance."""
    order: dict[str | None, int] = {None: 0}
    for pub in pubs:
        order.setdefault(pub.section, len(order))
    return sorted(pubs, key=lambda p: order[p.section])


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(page_publications, min_size=1, max_size=5, unique_by=lambda p: p.key))
def test_page_round_trip_keeps_what_the_page_shows(pubs: list[Publication]) -> None:
    page = pubconv.dumps(Bibliography.of(pubs), "jekyll")
    back = pubconv.loads(page, "jekyll")
    assert [shown(p) for p in back] == [shown(p) for p in in_page_order(pubs)]
    assert pubconv.dumps(back, "jekyll") == page
    ids = [i for p in back if (i := p.get_hint("jekyll.abs_id")) is not None]
    assert len(set(ids)) == len(ids)
    assert len(ids) == sum(1 for p in pubs if p.abstract)  # no toggle without an abstract
    detached = Bibliography.of(dataclasses.replace(p, origin=None) for p in back)
    assert pubconv.dumps(detached, "jekyll", options=WriteOptions(like=back)) == page


@settings(max_examples=100, deadline=None)
@given(st.lists(page_persons, min_size=1, max_size=6).map(tuple))
def test_author_line_round_trip(authors: tuple[Person, ...]) -> None:
    pub = Publication(key="k", title="T", authors=authors)
    back = pubconv.loads(pubconv.dumps(Bibliography.of([pub]), "jekyll"), "jekyll", strict=False)
    assert back.publications[0].authors == authors
