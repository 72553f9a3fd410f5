"""The format-neutral data model every reader produces and every writer consumes.

Text fields (title, container titles, abstract, note, ...) hold *model text*: Unicode with the
CSL-JSON rich-text subset for markup (``<i>``, ``<b>``, ``<sup>``, ``<sub>``,
``<span class="nocase">`` for case-protected words, ``<span style="font-variant:small-caps;">``),
and TeX math kept verbatim between ``$...$``.  Characters are never HTML-escaped inside the model
(an ampersand is ``&``); writers escape for their own syntax.

Values are frozen so that readers, normalisers and writers can share them freely; edits go
through :func:`dataclasses.replace`.  ``origin`` and ``hints`` are excluded from ``==`` so that a
publication read from a page equals the same publication read from a ``.bib``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from pubconv.errors import Diagnostic, Severity

#: Literal used for the BibTeX ``and others`` marker (CSL renders it with the et-al term).
OTHERS_LITERAL = "others"

Pairs = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Person:
    """One author or editor, in CSL name parts (BibTeX "von" = particle, "Jr" = suffix).

    ``literal`` is used for organisations and names that must not be split
    (``{Corporate Name}`` in BibTeX); ``roles`` keeps marks such as ``equal`` or
    ``corresponding`` that a page writes as ``*``/``†`` after the name.
    """

    family: str | None = None
    given: str | None = None
    particle: str | None = None
    suffix: str | None = None
    literal: str | None = None
    roles: tuple[str, ...] = ()

    @property
    def is_others(self) -> bool:
        """True for the ``and others`` placeholder, e.g. ``Person(literal="others")``."""
        return self.literal == OTHERS_LITERAL and self.family is None

    def display(self) -> str:
        """Natural reading order, e.g. ``Ludwig van Beethoven Jr.``."""
        if self.literal is not None:
            return self.literal
        parts = [self.given, self.particle, self.family]
        name = " ".join(p for p in parts if p)
        return f"{name} {self.suffix}" if self.suffix else name


OTHERS = Person(literal=OTHERS_LITERAL)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to year, month or day precision, e.g. ``PartialDate(2024, 7)``.

    ``literal`` keeps a date that could not be parsed (``"Spring 2021"``, ``"in press"``);
    then ``year`` may be ``None``.  ``end`` holds the end of a range (``2020/2021``).
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    literal: str | None = None
    end: PartialDate | None = None

    def iso(self) -> str:
        """``2024``, ``2024-07`` or ``2024-07-05``; the literal when there is no year."""
        if self.year is None:
            return self.literal or ""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True, slots=True)
class Link:
    """A labelled link from a publication page, e.g. ``Link("Code", "https://github.com/x/y")``.

    ``attrs`` keeps the kramdown attribute list exactly as written (``{:target="\\_blank"}``)
    so that a page is rewritten byte-identically.
    """

    label: str
    url: str
    attrs: str = ""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a block came from, and its exact text, for located messages and write-back.

    ``as_read`` is the publication exactly as the reader built it: a writer for ``format``
    may emit ``raw`` unchanged while the publication still equals ``as_read``.
    """

    format: str
    path: str | None = None
    line: int = 1
    column: int = 1
    raw: str = ""
    as_read: Publication | None = None

    def location(self) -> str:
        """``refs.bib:12:5`` (1-based), used as the prefix of diagnostics."""
        return f"{self.path or '<input>'}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Publication:
    """One publication, whatever format it came from."""

    key: str
    type: str = "article-journal"
    """CSL item type, e.g. ``paper-conference``; unknown source types stay in ``hints``."""
    title: str | None = None
    authors: tuple[Person, ...] = ()
    editors: tuple[Person, ...] = ()
    issued: PartialDate | None = None
    container_title: str | None = None
    """Journal or proceedings name, e.g. ``IEEE Transactions on Medical Imaging``."""
    container_short: str | None = None
    """Short venue, e.g. ``T-MI`` or ``CVPR`` (CSL ``container-title-short``, al-folio ``abbr``)."""
    collection_title: str | None = None
    volume: str | None = None
    issue: str | None = None
    number: str | None = None
    pages: str | None = None
    edition: str | None = None
    publisher: str | None = None
    publisher_place: str | None = None
    doi: str | None = None
    url: str | None = None
    isbn: str | None = None
    issn: str | None = None
    abstract: str | None = None
    note: str | None = None
    award: str | None = None
    """Award line, e.g. ``Winner of NTIRE 2021 Challenge``."""
    keywords: tuple[str, ...] = ()
    section: str | None = None
    """Page section (``## Topic``) the entry sits under on a Jekyll page."""
    language: str | None = None
    links: tuple[Link, ...] = ()
    extra: Pairs = ()
    """Fields the model does not name, in source order, values verbatim, e.g. ``(("basefilename", "x"),)``."""
    hints: Pairs = field(default=(), compare=False)
    """Format-specific presentation hints (``("bibtex.type", "conference")``), ignored by ``==``."""
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def get_extra(self, name: str, default: str | None = None) -> str | None:
        """The first extra field named ``name`` (case-insensitive), e.g. ``crossref``."""
        lowered = name.lower()
        for key, value in self.extra:
            if key.lower() == lowered:
                return value
        return default

    def get_hint(self, name: str, default: str | None = None) -> str | None:
        """The hint named ``name``, e.g. ``bibtex.type``."""
        for key, value in self.hints:
            if key == name:
                return value
        return default

    def with_hint(self, name: str, value: str) -> Publication:
        """A copy with hint ``name`` set to ``value`` (replacing any earlier one)."""
        hints = (*tuple((k, v) for k, v in self.hints if k != name), (name, value))
        return dataclasses.replace(self, hints=hints)

    def is_unchanged(self) -> bool:
        """True while this equals what its reader produced, so ``origin.raw`` may be reused."""
        return (
            self.origin is not None
            and self.origin.as_read is not None
            and self == self.origin.as_read
        )

    @property
    def year(self) -> int | None:
        """Year of ``issued``, e.g. ``2024``."""
        return self.issued.year if self.issued else None

    def warning(self, message: str) -> Diagnostic:
        """A warning located where this record was read (``file:line:col``), naming its key."""
        origin = self.origin
        if origin is None:
            return Diagnostic(Severity.WARNING, message, None, None, None, self.key)
        return Diagnostic(
            Severity.WARNING, message, origin.path, origin.line, origin.column, self.key
        )


def with_origin(pub: Publication, origin: Origin) -> Publication:
    """Attach ``origin`` and remember ``pub`` as the as-read snapshot."""
    snapshot = dataclasses.replace(pub, origin=None)
    return dataclasses.replace(pub, origin=dataclasses.replace(origin, as_read=snapshot))


@dataclass(frozen=True, slots=True)
class StringDef:
    """A BibTeX ``@string{name = value}`` macro; ``value`` is the expanded text."""

    name: str
    value: str
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Preamble:
    """A BibTeX ``@preamble{...}``; ``value`` is the text inside, verbatim."""

    value: str
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Comment:
    """Text between records (``@comment``, ``%`` lines, HTML comments), kept for write-back."""

    text: str
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Verbatim:
    """Source text that only its own format understands (front matter, navigation, a failed block).

    Writers of ``format`` emit ``text`` unchanged; other writers skip it (or keep it as a comment
    where their syntax allows).
    """

    format: str
    text: str
    kind: str = "verbatim"
    """What it is, e.g. ``front-matter``, ``navigation``, ``failed``, ``whitespace``."""
    origin: Origin | None = field(default=None, compare=False, repr=False)


Block = Publication | StringDef | Preamble | Comment | Verbatim


@dataclass
class Bibliography:
    """An ordered database of blocks plus what reading it found wrong.

    Keeps everything a faithful write-back needs: macros, preambles, comments and the order of
    blocks.  ``publications`` is the view most callers want.
    """

    blocks: list[Block] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source_format: str | None = None

    @classmethod
    def of(cls, publications: Iterable[Publication]) -> Bibliography:
        """A bibliography holding just ``publications``."""
        return cls(blocks=list(publications))

    @property
    def publications(self) -> list[Publication]:
        """The publication blocks, in order."""
        return [b for b in self.blocks if isinstance(b, Publication)]

    @property
    def strings(self) -> list[StringDef]:
        """The ``@string`` macros, in order."""
        return [b for b in self.blocks if isinstance(b, StringDef)]

    @property
    def errors(self) -> list[Diagnostic]:
        """Diagnostics of error severity."""
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        """Diagnostics of warning severity."""
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def __iter__(self) -> Iterator[Publication]:
        return iter(self.publications)

    def __len__(self) -> int:
        return len(self.publications)

    def by_key(self) -> dict[str, Publication]:
        """Publications by key; the first of repeated keys wins (as BibTeX does)."""
        index: dict[str, Publication] = {}
        for pub in self.publications:
            index.setdefault(pub.key, pub)
        return index

    def extend(self, other: Bibliography) -> None:
        """Append ``other``'s blocks and diagnostics (reading several files as one database)."""
        self.blocks.extend(other.blocks)
        self.diagnostics.extend(other.diagnostics)

    def replace_publications(self, publications: Mapping[str, Publication]) -> Bibliography:
        """A copy where publications whose key is in ``publications`` are swapped for the new value."""
        blocks: list[Block] = [
            publications.get(b.key, b) if isinstance(b, Publication) else b for b in self.blocks
        ]
        return Bibliography(blocks, list(self.diagnostics), self.source_format)
