"""Hypothesis strategies for random publications, shared by every format's property tests.

Text is drawn from what real records contain: accents, CJK, particles and suffixes, organisations,
the characters BibTeX and HTML treat specially (``& % $ # _ { } ~ ^``), CSL rich-text markup and
``$math$``.  Titles are produced in the model's canonical form (see ``latexencode.canonical_title``):
no ``nocase`` span around a single word that is protected implicitly (``SAM``, ``iPhone``).
"""

from __future__ import annotations

from hypothesis import strategies as st

from pubconv.model import OTHERS, Link, PartialDate, Person, Publication

LETTERS = "abcdefghijklmnopqrstuvwxyz"
ACCENTED = "éèêëáàâäãåçñöóòôõúùûüíìîïýÿøßłžšćčğşı"
CJK = "中文研究图像学习网络東京大學"
SPECIALS = "&%#_~^"

plain_word = st.text(alphabet=LETTERS + ACCENTED, min_size=1, max_size=9)
cjk_word = st.text(alphabet=CJK, min_size=1, max_size=4)
special_word = st.builds(
    lambda a, s, b: a + s + b,
    st.text(alphabet=LETTERS, max_size=3),
    st.sampled_from([*SPECIALS, "{", "}", "{x}", "50%", "R&D", "a_b"]),
    st.text(alphabet=LETTERS, max_size=3),
)
capital_word = plain_word.map(lambda w: w[:1].upper() + w[1:])
acronym = st.sampled_from(["SAM", "PQ-SAM", "MedFinder", "3D", "iPhone", "EM", "GPU", "BibTeX"])
math = st.sampled_from(["$x^2$", "$\\alpha$", "$O(n \\log n)$", "$\\mathbb{R}^3$"])
markup = st.builds(
    lambda tag, w: f"<{tag}>{w}</{tag}>", st.sampled_from(["i", "b", "sup", "sub"]), plain_word
)
nocase = capital_word.map(lambda w: f'<span class="nocase">{w} Net</span>')


def _sentence(
    words: st.SearchStrategy[str], min_size: int = 1, max_size: int = 12
) -> st.SearchStrategy[str]:
    return st.lists(words, min_size=min_size, max_size=max_size).map(" ".join)


title_text = _sentence(
    st.one_of(
        plain_word, plain_word, capital_word, cjk_word, special_word, acronym, math, markup, nocase
    )
).map(lambda s: s[:1].upper() + s[1:])
"""A title in canonical model form."""

plain_text = _sentence(st.one_of(plain_word, capital_word, cjk_word, special_word), 1, 8)
"""Venue names, publishers, notes: no markup."""

abstract_text = st.lists(
    _sentence(st.one_of(plain_word, capital_word, special_word, math), 1, 15),
    min_size=1,
    max_size=3,
).map(". ".join)

given_name = st.one_of(
    capital_word,
    st.builds(lambda a, b: f"{a}-{b.lower()}", capital_word, capital_word),  # Jia-bin
    st.builds(lambda a: f"{a[0]}.", capital_word),  # initial
    st.builds(lambda a, b: f"{a} {b}", capital_word, capital_word),
    cjk_word,
)
family_name = st.one_of(
    capital_word, cjk_word, st.builds(lambda a, b: f"{a}-{b}", capital_word, capital_word)
)

persons = st.one_of(
    st.builds(Person, family=family_name, given=given_name),
    st.builds(
        Person,
        family=family_name,
        given=given_name,
        particle=st.sampled_from(["van", "de", "von der", "di"]),
    ),
    st.builds(
        Person, family=family_name, given=given_name, suffix=st.sampled_from(["Jr.", "III", "Sr."])
    ),
    st.builds(Person, family=family_name),
    st.builds(
        Person,
        literal=st.sampled_from(["NIH", "The Tor Project", "Barnes and Noble, Inc.", "OpenAI"]),
    ),
)
author_lists = st.one_of(
    st.lists(persons, min_size=1, max_size=6).map(tuple),
    st.lists(persons, min_size=1, max_size=3).map(lambda ps: (*ps, OTHERS)),
)

dates = st.one_of(
    st.builds(PartialDate, year=st.integers(1900, 2099)),
    st.builds(PartialDate, year=st.integers(1900, 2099), month=st.integers(1, 12)),
    st.builds(
        PartialDate, year=st.integers(1900, 2099), month=st.integers(1, 12), day=st.integers(1, 28)
    ),
)

urls = st.builds(
    lambda host, path: f"https://{host}.org/{path}",
    st.text(alphabet=LETTERS, min_size=1, max_size=8),
    st.text(alphabet=LETTERS + "0123456789-_/.", min_size=0, max_size=20),
)
links = st.lists(
    st.builds(
        Link,
        label=st.sampled_from(
            ["Paper", "Code", "Dataset", "Code & Dataset", "Project", "Intro Video"]
        ),
        url=urls,
    ),
    max_size=4,
).map(tuple)

keys = st.text(alphabet=LETTERS + "0123456789", min_size=1, max_size=10).map(lambda s: "k" + s)
csl_types = st.sampled_from(
    ["article-journal", "paper-conference", "book", "chapter", "thesis", "report", "article"]
)


def publications(*, with_links: bool = True) -> st.SearchStrategy[Publication]:
    """Random publications covering every model attribute the formats share."""
    return st.builds(
        Publication,
        key=keys,
        type=csl_types,
        title=title_text,
        authors=author_lists,
        editors=st.one_of(st.just(()), st.lists(persons, max_size=2).map(tuple)),
        issued=st.one_of(st.none(), dates),
        container_title=st.one_of(st.none(), plain_text),
        container_short=st.one_of(st.none(), st.sampled_from(["CVPR", "T-MI", "ECCV", "TPAMI"])),
        volume=st.one_of(st.none(), st.integers(1, 300).map(str)),
        issue=st.one_of(st.none(), st.integers(1, 12).map(str)),
        pages=st.one_of(st.none(), st.sampled_from(["1–10", "155:1–155:30", "e1234", "12"])),
        publisher=st.one_of(st.none(), plain_text),
        doi=st.one_of(st.none(), st.sampled_from(["10.1109/TMI.2024.3429340", "10.1000/a_b%c"])),
        url=st.one_of(st.none(), urls),
        abstract=st.one_of(st.none(), abstract_text),
        note=st.one_of(st.none(), plain_text),
        award=st.one_of(st.none(), plain_text),
        keywords=st.lists(plain_word, max_size=3, unique=True).map(tuple),
        links=links if with_links else st.just(()),
    )
