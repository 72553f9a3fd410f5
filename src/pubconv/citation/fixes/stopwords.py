"""The stop words of CSL 1.0.2 title case, in one place.

CSL 1.0.2 "Title Case Conversion": "stop words are lowercased, unless they are the first or
last word in the string, or follow a colon.  The stop words are listed in the CSL Schema file
stop-words.json".  That list (schema ``schemas/styles/stop-words.json``) is longer than the
26 words of CSL 1.0.1 that citeproc-py still uses: it has ``against``, ``between``,
``through``, ``toward``, ``without``, ``like``, ``vs.`` and two-word prepositions such as
``according to`` and ``such as``, whose words are all stop words when they stand together.

One addition, ``about``: the schema's list lacks it, but it is a preposition like ``across`` and
``after`` that the list has, and citeproc-js and pandoc both keep it lower case (the seed corpus
has ``Everything You Want to Know about Pointer-Based Checking``).  docs/citation-differences.md
records the addition.
"""

from __future__ import annotations

_SCHEMA = (
    "a", "according to", "across", "afore", "after", "against", "ahead of", "along",
    "alongside", "amid", "amidst", "among", "amongst", "an", "and", "anenst", "apart from",
    "apropos", "apud", "around", "as", "as regards", "aside", "astride", "at", "athwart",
    "atop", "back to", "barring", "because of", "before", "behind", "below", "beneath",
    "beside", "besides", "between", "beyond", "but", "by", "c", "ca", "circa", "close to",
    "d'", "de", "despite", "down", "due to", "during", "et", "except", "far from", "for",
    "forenenst", "from", "given", "in", "inside", "instead of", "into", "lest", "like",
    "modulo", "near", "next", "nor", "notwithstanding", "of", "off", "on", "onto", "or", "out",
    "outside of", "over", "per", "plus", "prior to", "pro", "pursuant to", "qua",
    "rather than", "regardless of", "sans", "since", "so", "such as", "than", "that of", "the",
    "through", "throughout", "thru", "thruout", "till", "to", "toward", "towards", "under",
    "underneath", "until", "unto", "up", "upon", "v.", "van", "versus", "via", "vis-à-vis",
    "von", "vs.", "where as", "with", "within", "without", "yet",
)  # fmt: skip
"""CSL 1.0.2's stop-words.json, in its order."""

STOP_WORDS = frozenset(w for w in _SCHEMA if " " not in w) | {"about"}
"""Single stop words (``vs.`` and ``v.`` with their period, as the schema writes them)."""

STOP_PHRASES = tuple(tuple(w.split(" ")) for w in _SCHEMA if " " in w)
"""Stop words of more than one word (``("according", "to")``): each word is a stop word when
the whole phrase stands in the title."""


def is_stop_word(core: str) -> bool:
    """True for a single stop word; ``core`` is the word without surrounding punctuation, so
    ``vs`` (from ``vs.``) matches the schema's ``vs.``."""
    return core in STOP_WORDS or core + "." in STOP_WORDS


_BY_HEAD: dict[str, list[tuple[str, ...]]] = {}
for _phrase in STOP_PHRASES:
    _BY_HEAD.setdefault(_phrase[0], []).append(_phrase)


def phrase_members(words: list[str]) -> set[int]:
    """Indices of ``words`` that stand in a stop phrase (``due to``, ``such as``).

    A phrase matches words written in lower case, the last of which may carry trailing
    punctuation (``rather than,``); a word before the last must be bare (``due, to`` is no
    phrase)."""
    out: set[int] = set()
    for start, word in enumerate(words):
        for phrase in _BY_HEAD.get(word, ()):
            end = start + len(phrase)
            if end > len(words):
                continue
            head = words[start : end - 1]
            last = words[end - 1].rstrip(".,;:!?)]’'\"”")
            if list(phrase[:-1]) == head and phrase[-1] == last:
                out.update(range(start, end))
    return out
