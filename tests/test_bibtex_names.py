"""BibTeX name lists: BibTeX's splitting rules, organisations, ``others``, and the round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pubconv.formats.bibtex.names import (
    format_name,
    format_names,
    parse_name,
    parse_names,
    split_names,
)
from pubconv.model import OTHERS, Person
from strategies import author_lists


def P(
    family: str | None = None,
    given: str | None = None,
    particle: str | None = None,
    suffix: str | None = None,
) -> Person:
    return Person(family=family, given=given, particle=particle, suffix=suffix)


@pytest.mark.parametrize(
    ("raw", "person"),
    [
        ("Zhiwei Xiong", P("Xiong", "Zhiwei")),
        ("Xiong, Zhiwei", P("Xiong", "Zhiwei")),
        ("Z. Xiong", P("Xiong", "Z.")),
        ("D.~E. Knuth", P("Knuth", "D. E.")),
        ("Ludwig van Beethoven", P("Beethoven", "Ludwig", "van")),
        ("van Beethoven, Ludwig", P("Beethoven", "Ludwig", "van")),
        ("Jean de la Fontaine", P("Fontaine", "Jean", "de la")),
        ("de la Fontaine, Jean", P("Fontaine", "Jean", "de la")),
        (
            "Charles Louis Xavier Joseph de la Vall{\\'e}e Poussin",
            P("Vallée Poussin", "Charles Louis Xavier Joseph", "de la"),
        ),
        ("Brinch Hansen, Per", P("Brinch Hansen", "Per")),
        ("King, Jr., Martin Luther", P("King", "Martin Luther", suffix="Jr.")),
        ("von der Leyen, Jr, Ursula", P("Leyen", "Ursula", "von der", "Jr")),
        ("Aristotle", P("Aristotle")),
        ("{\\'E}mile Zola", P("Zola", "Émile")),
        ("\\'{A}d\\'{a}m Darvas", P("Darvas", "Ádám")),  # accented capital: a first name
        ('{\\"O}zt{\\"u}rk, Ay{\\c{s}}e', P("Öztürk", "Ayşe")),
        ("{\\o}ystein {\\O}re", P("Øre", None, "øystein")),  # {\o} is lower case: von, as in BibTeX
        ("Jia-Bin Huang", P("Huang", "Jia-Bin")),
        ("{Barnes and Noble, Inc.}", Person(literal="Barnes and Noble, Inc.")),
        ("{World Health Organization}", Person(literal="World Health Organization")),
        ("{\\relax Ch}ristopher Smith", P("Smith", "Christopher")),
        ("Doe, John, Extra", P("Doe", "Extra", suffix="John")),
        ("others", OTHERS),
    ],
)
def test_parse_name(raw: str, person: Person) -> None:
    assert parse_name(raw) == person


def test_von_part_ends_at_the_last_lower_case_word() -> None:
    # BibTeX: First = words before the first lower-case word, von up to the last one.
    assert parse_name("Jean-Paul de Bar van Foo") == P("Foo", "Jean-Paul", "de Bar van")


def test_split_names_respects_braces_and_case() -> None:
    assert split_names("A and {B and C} AND D\nand\tE") == ["A", "{B and C}", "D", "E"]
    assert split_names("Anderson, Sandy and Brand, Ando") == ["Anderson, Sandy", "Brand, Ando"]
    assert split_names("") == []
    assert split_names("  A  and  ") == ["A  and"]  # a trailing "and" is not a separator


def test_parse_names_with_others_and_organisations() -> None:
    persons = parse_names("Xiong, Zhiwei and {National Institutes of Health} and others")
    assert persons == (
        P("Xiong", "Zhiwei"),
        Person(literal="National Institutes of Health"),
        OTHERS,
    )


@pytest.mark.parametrize(
    ("person", "raw"),
    [
        (P("Beethoven", "Ludwig", "van"), "van Beethoven, Ludwig"),
        (P("King", "Martin Luther", suffix="Jr."), "King, Jr., Martin Luther"),
        (P("Xiong"), "Xiong"),
        (P("dos Santos"), "{dos Santos}{}"),  # not {dos Santos} (a literal) nor with a comma
        (P("Foo, Bar", "X"), "{Foo, Bar}, X"),
        (P("Smith", "A and B"), "Smith, {A and B}"),
        (Person(literal="Barnes & Noble"), "{Barnes \\& Noble}"),
        (OTHERS, "others"),
        (P("Öztürk", "Ayşe"), "Öztürk, Ayşe"),
    ],
)
def test_format_name(person: Person, raw: str) -> None:
    formatted = format_name(person)
    assert formatted.startswith(raw)
    assert parse_name(formatted) == person


def test_format_name_ascii() -> None:
    assert format_name(P("Öztürk", "Ayşe"), ascii=True) == '{\\"O}zt{\\"u}rk, Ay{\\c{s}}e'


def test_format_drops_roles_only() -> None:
    person = Person(family="Xiong", given="Zhiwei", roles=("corresponding",))
    assert parse_names(format_names([person])) == (P("Xiong", "Zhiwei"),)


_ODD = st.builds(
    Person,
    family=st.sampled_from(
        ["dos Santos", "Foo, Bar", "a and b", "O'Brien", "de", "Ü", "and", "R&D", "50%"]
    ),
    given=st.one_of(st.none(), st.sampled_from(["jean", "A, B", "and", "Ö.", "J.-P."])),
    particle=st.one_of(st.none(), st.sampled_from(["van", "de la", "von der"])),
    suffix=st.one_of(st.none(), st.sampled_from(["Jr.", "III"])),
)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(author_lists, st.lists(_ODD, min_size=1, max_size=3).map(tuple)), st.booleans())
def test_format_parse_round_trip(persons: tuple[Person, ...], ascii: bool) -> None:
    assert parse_names(format_names(persons, ascii=ascii)) == persons


@pytest.mark.corpus
def test_corpus_name_lists_round_trip(corpus: Path) -> None:
    """Every literal author/editor list of the performance corpus survives format -> parse."""
    import bibtexparser

    count = 0
    for path in sorted((corpus / "bibtex" / "plume-bib-perf").glob("*.bib")):
        library = bibtexparser.parse_string(path.read_text(encoding="utf-8", errors="replace"))
        for entry in library.entries:
            for field in entry.fields:
                value = field.value
                if field.key.lower() not in ("author", "editor") or not isinstance(value, str):
                    continue
                if not value.strip():
                    continue
                persons = parse_names(value)  # bibtexparser v2 removed the delimiters
                assert persons, value
                assert all(p.literal or p.family for p in persons), value
                assert parse_names(format_names(persons)) == persons, value
                count += 1
    assert count > 3000


def test_a_repeated_name_is_parsed_once_and_gives_the_same_person() -> None:
    from pubconv.formats.bibtex import names as names_module

    value = "Ludwig van Beethoven and Xiong, Zhiwei and {World Health Organization} and others"
    first = names_module.parse_names(value)
    again = names_module.parse_names(value)
    assert again == first
    assert all(a is b for a, b in zip(first, again, strict=True))
    assert first == tuple(names_module.parse_name(n) for n in names_module.split_names(value))


def test_the_name_cache_stays_bounded() -> None:
    from pubconv.formats.bibtex import names as names_module

    for i in range(names_module._PARSED_MAX + 10):
        names_module.parse_names(f"Person{i}, A.")
    assert len(names_module._PARSED) <= names_module._PARSED_MAX
