"""CSL item <-> Publication: field mapping, names, dates, and the custom.pubconv layout."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pubconv.formats.csljson import dates
from pubconv.formats.csljson.mapping import (
    HINT_AS_WRITTEN,
    csl_to_publication,
    publication_to_csl,
)
from pubconv.model import OTHERS, Link, PartialDate, Person, Publication
from strategies import plain_text, publications

CSL_PREFIX = "csl."


def _foreign_hints(pub: Publication) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for k, v in pub.hints if not k.startswith(CSL_PREFIX))


def _through(pub: Publication) -> Publication:
    """model -> CSL dict -> JSON text -> CSL dict -> model, as a file round trip does."""
    text = json.dumps(publication_to_csl(pub), ensure_ascii=False)
    return csl_to_publication(json.loads(text))


def test_model_fields_land_on_their_csl_variables() -> None:
    pub = Publication(
        key="Liu2024",
        type="paper-conference",
        title="PQ-SAM",
        authors=(Person(family="Liu", given="Xiaoyu"), Person(literal="NIH"), OTHERS),
        editors=(Person(family="Beethoven", given="Ludwig", particle="van", suffix="Jr."),),
        issued=PartialDate(2024, 10, 3),
        container_title="European Conference on Computer Vision",
        container_short="ECCV",
        volume="15063",
        pages="420–437",
        publisher="Springer",
        publisher_place="Cham",
        doi="10.1007/x",
        url="https://x.org",
        keywords=("quantization", "SAM"),
    )
    item = publication_to_csl(pub)
    assert list(item)[:3] == ["id", "type", "title"]
    assert item["author"] == [
        {"family": "Liu", "given": "Xiaoyu"},
        {"literal": "NIH"},
        {"literal": "others"},
    ]
    assert item["editor"] == [
        {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van", "suffix": "Jr."}
    ]
    assert item["issued"] == {"date-parts": [[2024, 10, 3]]}
    assert item["container-title-short"] == "ECCV"
    assert item["page"] == "420–437"
    assert item["DOI"] == "10.1007/x"
    assert item["URL"] == "https://x.org"
    assert item["keyword"] == "quantization, SAM"
    assert item["publisher-place"] == "Cham"
    assert "custom" not in item
    assert csl_to_publication(item) == pub


def test_fields_without_a_csl_home_go_to_custom_and_come_back() -> None:
    pub = Publication(
        key="k",
        type="thesis",
        title="T",
        authors=(Person(family="A", roles=("equal",)), Person(family="B")),
        award="Best Paper",
        section="2024 New",
        links=(Link("Code", "https://github.com/x/y", '{:target="_blank"}'), Link("Paper", "u")),
        keywords=("a, b", "c"),
        extra=(("school-type", "PhD"), ("basefilename", "x-2020")),
        hints=(("bibtex.type", "phdthesis"), ("bibtex.field.school", "SCHOOL")),
    )
    item = publication_to_csl(pub)
    ns = item["custom"]["pubconv"]
    assert ns["award"] == "Best Paper"
    assert ns["section"] == "2024 New"
    assert ns["links"][0] == {
        "label": "Code",
        "url": "https://github.com/x/y",
        "attrs": '{:target="_blank"}',
    }
    assert ns["keywords"] == ["a, b", "c"]
    assert "keyword" not in item
    assert ns["roles"] == {"author": [["equal"], []]}
    assert ns["extra"] == [["school-type", "PhD"], ["basefilename", "x-2020"]]
    assert ns["hints"] == [["bibtex.type", "phdthesis"], ["bibtex.field.school", "SCHOOL"]]
    back = _through(pub)
    assert back == pub
    assert _foreign_hints(back) == pub.hints


def test_non_csl_and_unmapped_keys_are_kept_in_place() -> None:
    item: dict[str, Any] = {
        "type": "webpage",
        "id": "url:x",
        "standard_citation": "url:x",
        "title": "T",
        "accessed": {"date-parts": [["2017", 5, 19]]},
        "created": {"date-parts": [[2016, 1, 1]], "timestamp": 1},
        "original-title": [],
        "volume": 12,
        "custom": {"zotero": "K1"},
    }
    pub = csl_to_publication(item)
    assert pub.key == "url:x"
    assert pub.volume == "12"
    assert dict(pub.extra) == {
        "standard_citation": "url:x",
        "accessed": "2017-05-19",
        "created": '{"date-parts":[[2016,1,1]],"timestamp":1}',
        "original-title": "[]",
        "custom": '{"zotero":"K1"}',
    }
    out = publication_to_csl(pub)
    assert out == item
    assert list(out) == list(item)


def test_an_edit_wins_over_the_remembered_spelling() -> None:
    item = {"id": "a", "type": "book", "volume": 12, "issued": {"date-parts": [["2014"]]}}
    pub = csl_to_publication(item)
    assert pub.get_hint(HINT_AS_WRITTEN) is not None
    assert publication_to_csl(pub) == item
    edited = dataclasses.replace(pub, volume="13", issued=PartialDate(2015))
    out = publication_to_csl(edited)
    assert out["volume"] == "13"
    assert out["issued"] == {"date-parts": [[2015]]}


def test_extras_added_after_reading_keep_their_order() -> None:
    item = {"id": "a", "type": "book", "source": "S", "archive": "A"}
    pub = csl_to_publication(item)
    edited = dataclasses.replace(pub, extra=(("first", "1"), *pub.extra, ("last", "2")))
    back = _through(edited)
    assert back.extra == edited.extra


def test_names_particles_and_literals() -> None:
    dropping = {"family": "Gogh", "given": "Vincent", "dropping-particle": "van"}
    pub = csl_to_publication({"id": "a", "type": "book", "author": [dropping, {"family": "NIH"}]})
    assert pub.authors == (Person(family="Gogh", given="Vincent", particle="van"), Person("NIH"))
    assert publication_to_csl(pub)["author"][0] == dropping


def test_dates_ranges_literals_and_raw() -> None:
    assert dates.from_csl({"date-parts": [[2020, 3], [2021, 4]]}) == PartialDate(
        2020, 3, end=PartialDate(2021, 4)
    )
    assert dates.from_csl({"literal": "Spring 2021"}) == PartialDate(literal="Spring 2021")
    assert dates.from_csl({"raw": "2019-07-05"}) == PartialDate(2019, 7, 5)
    assert dates.from_csl("2019/2020") == PartialDate(2019, end=PartialDate(2020))
    assert dates.to_csl(PartialDate(2020, 3, end=PartialDate(2021))) == {
        "date-parts": [[2020, 3], [2021]]
    }
    assert dates.to_text(PartialDate(2020, 3, end=PartialDate(2021))) == "2020-03/2021"
    assert dates.to_text(PartialDate(literal="x")) is None


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(publications())
def test_model_to_csl_to_model_is_exact(pub: Publication) -> None:
    assert _through(pub) == pub


bibtexish_extra = st.lists(
    st.tuples(
        st.sampled_from(
            ["crossref", "basefilename", "eprint", "custom", "source", "url", "x-y", "ids"]
        ),
        st.one_of(plain_text, st.just('{"a": 1}'), st.just("")),
    ),
    max_size=5,
).map(tuple)
bibtexish_hints = st.lists(
    st.tuples(
        st.sampled_from(
            ["bibtex.type", "bibtex.field.title", "jekyll.venue_frame", "bibtex.quote", "x"]
        ),
        plain_text,
    ),
    max_size=4,
    unique_by=lambda h: h[0],
).map(tuple)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(publications(), bibtexish_extra, bibtexish_hints, st.data())
def test_bibtex_extras_and_hints_survive_csljson(
    pub: Publication,
    extra: tuple[tuple[str, str], ...],
    hints: tuple[tuple[str, str], ...],
    data: st.DataObject,
) -> None:
    roles = data.draw(st.lists(st.sampled_from(["equal", "corresponding"]), max_size=2))
    authors = tuple(dataclasses.replace(p, roles=tuple(roles)) for p in pub.authors[:1])
    pub = dataclasses.replace(
        pub, extra=extra, hints=hints, authors=authors + pub.authors[1:], section="S"
    )
    back = _through(pub)
    assert back == pub
    assert back.extra == pub.extra
    assert _foreign_hints(back) == pub.hints


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(publications())
def test_csl_to_model_to_csl_is_exact(pub: Publication) -> None:
    item = json.loads(json.dumps(publication_to_csl(pub), ensure_ascii=False))
    again = publication_to_csl(csl_to_publication(item))
    assert again == item
    assert list(again) == list(item)


def test_bibtex_extras_also_fill_their_csl_variables() -> None:
    pub = Publication(
        key="k",
        type="thesis",
        extra=(
            ("eventtitle", "Conf \\& Co"),
            ("urldate", "2020-01-02"),
            ("translator", "Doe, Jane and van Gogh, Vincent"),
            ("type", "PhD dissertation"),
        ),
        hints=(("bibtex.type", "phdthesis"),),
    )
    item = publication_to_csl(pub)
    assert item["event-title"] == "Conf & Co"
    assert item["accessed"] == {"date-parts": [[2020, 1, 2]]}
    assert item["translator"] == [
        {"family": "Doe", "given": "Jane"},
        {"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"},
    ]
    assert item["genre"] == "PhD dissertation"
    back = _through(pub)
    assert back == pub and back.extra == pub.extra
    # an extra that is not from BibTeX is not LaTeX, so nothing is derived from it
    plain = dataclasses.replace(pub, hints=())
    assert "event-title" not in publication_to_csl(plain)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 3000) | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)
item_keys = st.sampled_from(
    [
        "id", "type", "title", "author", "issued", "volume", "keyword", "custom", "accessed",
        "source", "created", "standard_citation", "original-title", "page", "translator",
        "event-date", "genre", "note",
    ]
)  # fmt: skip
csl_values = st.one_of(
    json_values,
    st.builds(
        lambda y, m: {"date-parts": [[y, m]]}, st.sampled_from([2014, "2014"]), st.integers(1, 12)
    ),
    st.just([{"family": "Gogh", "dropping-particle": "van"}, {"literal": "NIH", "x": 1}]),
    st.just({"pubconv": {"extra": [["a", "b"]]}, "zotero": "K"}),
    st.just({"pubconv": {"links": "not a list"}}),
    st.just("a,b ,, c"),
)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.dictionaries(item_keys, csl_values, max_size=8))
def test_any_item_comes_back_exactly(item: dict[str, Any]) -> None:
    pub = csl_to_publication(item, key="fallback")
    out = publication_to_csl(pub)
    assert out == item
    assert list(out) == list(item)
