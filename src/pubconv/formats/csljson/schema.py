"""The CSL 1.0.2 data-schema vocabulary (csl-data.json): item types and variables by kind.

The reader checks value types against these sets and the writer orders keys by ``KEY_ORDER``;
nothing else in the package spells a CSL variable name twice.
"""

from __future__ import annotations

ITEM_TYPES: frozenset[str] = frozenset(
    [
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "bill",
        "book",
        "broadcast",
        "chapter",
        "classic",
        "collection",
        "dataset",
        "document",
        "entry",
        "entry-dictionary",
        "entry-encyclopedia",
        "event",
        "figure",
        "graphic",
        "hearing",
        "interview",
        "legal_case",
        "legislation",
        "manuscript",
        "map",
        "motion_picture",
        "musical_score",
        "pamphlet",
        "paper-conference",
        "patent",
        "performance",
        "periodical",
        "personal_communication",
        "post",
        "post-weblog",
        "regulation",
        "report",
        "review",
        "review-book",
        "software",
        "song",
        "speech",
        "standard",
        "thesis",
        "treaty",
        "webpage",
    ]
)

NAME_VARIABLES: frozenset[str] = frozenset(
    [
        "author",
        "chair",
        "collection-editor",
        "compiler",
        "composer",
        "container-author",
        "contributor",
        "curator",
        "director",
        "editor",
        "editorial-director",
        "executive-producer",
        "guest",
        "host",
        "interviewer",
        "illustrator",
        "narrator",
        "organizer",
        "original-author",
        "performer",
        "producer",
        "recipient",
        "reviewed-author",
        "script-writer",
        "series-creator",
        "translator",
    ]
)

DATE_VARIABLES: frozenset[str] = frozenset(
    ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
)

NUMBER_VARIABLES: frozenset[str] = frozenset(
    [
        "chapter-number",
        "citation-number",
        "collection-number",
        "edition",
        "first-reference-note-number",
        "issue",
        "locator",
        "number",
        "number-of-pages",
        "number-of-volumes",
        "page",
        "page-first",
        "part",
        "printing",
        "section",
        "supplement",
        "version",
        "volume",
    ]
)
"""Variables whose value may be a JSON string or number (``"volume": 12`` is as valid as ``"12"``)."""

STRING_VARIABLES: frozenset[str] = frozenset(
    [
        "citation-key",
        "categories",
        "language",
        "journalAbbreviation",
        "shortTitle",
        "abstract",
        "annote",
        "archive",
        "archive_collection",
        "archive_location",
        "archive-place",
        "authority",
        "call-number",
        "citation-label",
        "collection-title",
        "container-title",
        "container-title-short",
        "dimensions",
        "division",
        "DOI",
        "event",
        "event-title",
        "event-place",
        "genre",
        "ISBN",
        "ISSN",
        "jurisdiction",
        "keyword",
        "medium",
        "note",
        "original-publisher",
        "original-publisher-place",
        "original-title",
        "part-title",
        "PMCID",
        "PMID",
        "publisher",
        "publisher-place",
        "references",
        "reviewed-genre",
        "reviewed-title",
        "scale",
        "source",
        "status",
        "title",
        "title-short",
        "URL",
        "volume-title",
        "volume-title-short",
        "year-suffix",
    ]
)
"""Text variables (``categories`` is really a list of strings; it is checked apart)."""

VARIABLES: frozenset[str] = (
    NAME_VARIABLES | DATE_VARIABLES | NUMBER_VARIABLES | STRING_VARIABLES | {"id", "type", "custom"}
)
"""Every top-level key CSL 1.0.2 defines; any other key is kept verbatim as a non-CSL key."""

NAME_PARTS: tuple[str, ...] = (
    "family",
    "given",
    "dropping-particle",
    "non-dropping-particle",
    "suffix",
    "comma-suffix",
    "static-ordering",
    "literal",
    "parse-names",
)

KEY_ORDER: tuple[str, ...] = (
    "id",
    "type",
    "title",
    "title-short",
    "author",
    "editor",
    "translator",
    "issued",
    "container-title",
    "container-title-short",
    "collection-title",
    "volume",
    "issue",
    "number",
    "page",
    "edition",
    "publisher",
    "publisher-place",
    "DOI",
    "ISBN",
    "ISSN",
    "URL",
    "language",
    "keyword",
    "abstract",
    "note",
)
"""Order the writer gives the keys it produces (``id`` first, as pandoc and Zotero read best);
any other key follows in the order the publication's ``extra`` lists it, ``custom`` last."""
