"""Page-only data in BibTeX fields: what ``to_fields`` writes and ``from_fields`` reads back."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pubconv
from conftest import require_tool
from pubconv.formats.bibtex import page_fields as pf
from pubconv.model import Link, Person, Publication

HOUSE = pf.DEFAULT_ATTRS


def _strip(pub: Publication) -> Publication:
    """``pub`` without what page_fields carries (what the rest of the BibTeX mapping restores)."""
    return dataclasses.replace(
        pub,
        links=(),
        award=None,
        section=None,
        hints=(),
        origin=None,
        authors=tuple(dataclasses.replace(p, roles=()) for p in pub.authors),
        editors=tuple(dataclasses.replace(p, roles=()) for p in pub.editors),
    )


def _round_trip(pub: Publication) -> tuple[Publication, list[tuple[str, str]]]:
    fields = pf.to_fields(pub)
    base = _strip(pub)
    updates, hints, rest = pf.from_fields(fields, authors=base.authors, editors=base.editors)
    assert rest == []
    return dataclasses.replace(base, **updates, hints=hints), fields


def _assert_safe(fields: list[tuple[str, str]]) -> None:
    for name, value in fields:
        assert name.lower() in pf.FIELD_NAMES, name
        assert pf.balanced(value), (name, value)
        assert "\\{" not in value and "\\}" not in value, (name, value)


def test_default_paper_and_code_links_are_plain_al_folio_fields() -> None:
    pub = Publication(
        key="deng2024unsupervised",
        links=(
            Link("Paper", "https://ieeexplore.ieee.org/document/10604846", HOUSE),
            Link("Code", "https://github.com/sydeng99/DADn", HOUSE),
        ),
        section="2024 New",
        hints=(("jekyll.abs_id", "shiyutmi24"),),
    )
    fields = pf.to_fields(pub)
    assert fields == [
        ("html", "https://ieeexplore.ieee.org/document/10604846"),
        ("code", "https://github.com/sydeng99/DADn"),
        ("section", "2024 New"),
        ("abstract_id", "shiyutmi24"),
    ]
    back, _ = _round_trip(pub)
    assert back == pub
    assert back.hints == pub.hints


def test_labels_order_and_attributes_go_into_links() -> None:
    links = (
        Link("Code & Dataset", "https://github.com/a/b", HOUSE),
        Link("Paper", "https://x.org/p.pdf", '{:target="_blank"}'),
        Link("Intro Video (3rd party)", "https://drive.google.com/file/d/1_a%20b#t=3", ""),
        Link("Code", "/code/SPIC_Code.zip", HOUSE),
        Link("Code", "https://second.org/code", HOUSE),
    )
    pub = Publication(key="k", links=links)
    back, fields = _round_trip(pub)
    assert back.links == links
    names = [name for name, _ in fields]
    assert names == ["html", "video", "code", "links"]
    value = dict(fields)["links"]
    assert value.splitlines() == [
        "[Code & Dataset](https://github.com/a/b)" + HOUSE,
        '[Paper][html]{:target="_blank"}',
        "[Intro Video (3rd party)][video]",
        "[Code][code]" + HOUSE,
        "[Code](https://second.org/code)" + HOUSE,
    ]
    _assert_safe(fields)


@pytest.mark.parametrize(
    "link",
    [
        Link("Paper", "https://x.org/a{b", HOUSE),
        Link("Paper", "https://x.org/with space(1)", HOUSE),
        Link("Code", "", HOUSE),
        Link("Code", "#", HOUSE),
        Link("[odd] label", "https://x.org/", HOUSE),
        Link('"quoted"', "https://x.org/", '{:a="{"}'),
        Link("Code", "https://x.org/\\}", "{: x}"),
        Link("Paper", "https://x.org/a_b%20c#frag", '{:target="\\_blank"} '),
    ],
)
def test_awkward_links_survive_and_stay_brace_safe(link: Link) -> None:
    pub = Publication(key="k", links=(link,))
    back, fields = _round_trip(pub)
    assert back.links == (link,)
    _assert_safe(fields)


def test_roles_are_biblatex_author_annotations() -> None:
    authors = (
        Person("Liu", "Xiaoyu", roles=("equal",)),
        Person("Ding", "Xin"),
        Person("Xiong", "Zhiwei", roles=("corresponding", "equal")),
    )
    pub = Publication(key="k", authors=authors, editors=(Person("Wu", "Feng", roles=("x y;z",)),))
    fields = pf.to_fields(pub)
    assert ("author+an", "1=equal; 3=corresponding,equal") in fields
    back, _ = _round_trip(pub)
    assert back.authors == authors
    assert back.editors == pub.editors


def test_roles_need_the_persons_and_are_kept_verbatim_without_them() -> None:
    updates, _, rest = pf.from_fields([("author+an", "1=equal")])
    assert updates == {}
    assert rest == [("author+an", "1=equal")]
    # part annotations are not roles: kept verbatim
    persons = (Person("Liu", "Xiaoyu"),)
    updates, _, rest = pf.from_fields([("AUTHOR+an", "1:family=student")], authors=persons)
    assert updates == {} and rest == [("AUTHOR+an", "1:family=student")]


def test_award_and_section_are_latex_text() -> None:
    pub = Publication(
        key="k",
        award="Best Paper Honorable Mention Award of Mobile Intelligent Photography & Imaging "
        "Workshop {draft} 50% #1",
        section="Misc. } odd {",
    )
    back, fields = _round_trip(pub)
    assert back.award == pub.award and back.section == pub.section
    assert "\\&" in dict(fields)["award"]
    _assert_safe(fields)


def test_hints_that_are_not_plain_become_json_lines() -> None:
    hints = (
        ("jekyll.title_prefix", "<span><highlighted>(New!)</highlighted></span> "),
        ("jekyll.venue_frame", '["<span><pub>", "</pub></span><br>"]'),
        ("jekyll.link_seps", '[" | ", " |\\n"]'),
        ("jekyll.weird", "two\nlines {"),
        ("jekyll.abs_id", " spaced id"),
        ("bibtex.type", "inproceedings"),
    )
    pub = Publication(key="k", hints=hints)
    back, fields = _round_trip(pub)
    assert sorted(back.hints) == sorted(h for h in hints if h[0].startswith("jekyll."))
    _assert_safe(fields)


def test_al_folio_fields_without_links_field_become_default_links() -> None:
    fields = [
        ("PDF", "BezLopStu2012ants.pdf"),
        ("website", "https://lab.org/p"),
        ("selected", "true"),
        ("Award", "Winner of X \\& Y"),
    ]
    updates, hints, rest = pf.from_fields(fields)
    assert updates["links"] == (
        Link("PDF", "BezLopStu2012ants.pdf", HOUSE),
        Link("Project", "https://lab.org/p", HOUSE),
    )
    assert updates["award"] == "Winner of X & Y"
    assert hints == ()
    assert rest == [("selected", "true")]


def test_links_field_wins_for_labels_and_url_fields_for_urls() -> None:
    # a hand edit of `code` in the .bib changes the link's URL; a new field is not lost
    fields = [
        ("code", "https://github.com/new/url"),
        ("links", "[Paper][html]\n[Code & Data][code]" + HOUSE),
        ("html", "https://x.org/paper"),
        ("dataset", "https://x.org/data"),
    ]
    updates, _, rest = pf.from_fields(fields)
    assert updates["links"] == (
        Link("Paper", "https://x.org/paper", ""),
        Link("Code & Data", "https://github.com/new/url", HOUSE),
        Link("Dataset", "https://x.org/data", HOUSE),
    )
    assert rest == []


def test_unreadable_links_are_kept_verbatim_not_half_read() -> None:
    fields = [("html", "https://x.org/"), ("links", "[Paper][html]\nnot a link line")]
    updates, _, rest = pf.from_fields(fields)
    assert "links" not in updates
    assert rest == fields
    fields = [("jekyll", "italic: *\n!!!")]
    updates, hints, rest = pf.from_fields(fields)
    assert hints == () and rest == fields


def test_repeated_fields_are_not_dropped() -> None:
    fields = [("award", "A"), ("award", "B"), ("abstract_id", "x"), ("abstract_id", "y")]
    updates, hints, rest = pf.from_fields(fields)
    assert updates == {"award": "A"}
    assert hints == (("jekyll.abs_id", "x"),)
    assert rest == [("award", "B"), ("abstract_id", "y")]


def test_first_contract_wrappers() -> None:
    links = (Link("Paper", "https://x.org/", HOUSE), Link("Demo Video", "https://v.org/", HOUSE))
    fields = pf.links_to_fields(links)
    back, rest = pf.fields_to_links([*fields, ("note", "n")])
    assert back == links and rest == [("note", "n")]


label_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=12,
)
url_text = st.one_of(
    st.sampled_from(["https://x.org/a_b%20c#f", "/code/x.zip", "", "#", "https://x.org/(a)"]),
    label_text,
)
link_st = st.builds(
    Link,
    label=st.one_of(st.sampled_from(["Paper", "Code", "Project", "Dataset", "PDF"]), label_text),
    url=url_text,
    attrs=st.one_of(st.sampled_from([HOUSE, "", '{:target="_blank"}']), label_text),
)
role_st = st.lists(
    st.one_of(st.sampled_from(["equal", "corresponding", "equal-alt"]), label_text.filter(bool)),
    max_size=2,
).map(tuple)
person_st = st.builds(Person, family=st.sampled_from(["Liu", "Xiong"]), roles=role_st)
hint_st = st.tuples(
    st.one_of(st.sampled_from(["italic", "venue_frame", "abs_id"]), label_text).map(
        lambda n: "jekyll." + n
    ),
    label_text,
)


@settings(max_examples=300, deadline=None)
@given(
    links=st.lists(link_st, max_size=5).map(tuple),
    authors=st.lists(person_st, max_size=4).map(tuple),
    award=st.one_of(st.none(), st.sampled_from(["Winner of A & B", "x { y", "50% _ #"])),
    hints=st.lists(hint_st, max_size=4, unique_by=lambda h: h[0]).map(tuple),
)
def test_random_page_data_round_trips(
    links: tuple[Link, ...],
    authors: tuple[Person, ...],
    award: str | None,
    hints: tuple[tuple[str, str], ...],
) -> None:
    pub = Publication(key="k", links=links, authors=authors, award=award, hints=hints)
    back, fields = _round_trip(pub)
    assert back == pub
    assert sorted(back.hints) == sorted(hints)
    _assert_safe(fields)


@pytest.mark.corpus
def test_every_seedlab_entry_round_trips(corpus: Path) -> None:
    count = 0
    for path in sorted((corpus / "jekyll-seedlab").glob("*.md")):
        bib = pubconv.load(str(path), strict=False)
        for pub in bib.publications:
            back, fields = _round_trip(pub)
            assert back == dataclasses.replace(pub, origin=None), (path.name, pub.key)
            assert sorted(back.hints) == sorted(pub.hints), (path.name, pub.key)
            _assert_safe(fields)
            count += 1
    assert count == 79  # live entries on the 11 pages (README table: 9+7+8+7+4+13+5+7+7+6+6)


def _bib_text(pubs: list[Publication]) -> str:
    """A minimal hand-written .bib around page_fields' output (independent of the writer)."""
    out = []
    for pub in pubs:
        fields = [("title", "T"), ("author", "Liu, Xiaoyu and Ding, Xin"), ("year", "2024")]
        fields += [("journal", "J"), *pf.to_fields(pub)]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        out.append(f"@article{{{pub.key},\n{body}\n}}\n")
    return "\n".join(out)


_AWKWARD = [
    Publication(
        key="a1",
        authors=(Person("Liu", "Xiaoyu", roles=("equal",)), Person("Ding", "Xin", roles=("c d",))),
        links=(
            Link("Paper", "https://x.org/a_b%20c#frag", HOUSE),
            Link("Intro Video (3rd party)", "https://x.org/(a)", ""),
            Link("Code", "https://x.org/a{b", HOUSE),
        ),
        award="Winner of A & B {x",
        section="2024 New",
        hints=(("jekyll.abs_id", "shiyutmi24"), ("jekyll.title_prefix", "<b>{</b> ")),
    ),
    Publication(key="a2", links=(Link("Code", "https://github.com/x/y", HOUSE),)),
]


@pytest.mark.interop
def test_pandoc_reads_the_fields() -> None:
    pandoc = require_tool("pandoc")
    for fmt in ("bibtex", "biblatex"):
        result = subprocess.run(
            [pandoc, "-f", fmt, "-t", "csljson"],
            input=_bib_text(_AWKWARD),
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.count('"id"') == 2


@pytest.mark.interop
def test_biber_validates_the_fields(tmp_path: Path) -> None:
    biber = require_tool("biber")
    bib = tmp_path / "t.bib"
    bib.write_text(_bib_text(_AWKWARD), encoding="utf-8")
    result = subprocess.run(
        [biber, "--tool", "--validate-datamodel", bib.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "ERROR" not in log, log
    out = (tmp_path / "t_bibertool.bib").read_text(encoding="utf-8")
    assert "AUTHOR+an:default = {1=equal;2=c d}" in out  # biber parsed the roles
