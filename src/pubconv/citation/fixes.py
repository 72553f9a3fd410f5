"""pubconv's corrections to citeproc-py, as subclasses of its CSL element classes.

citeproc-py maps each CSL element (``cs:text``, ``cs:name``, ...) to a Python class through an
lxml element-class lookup.  :func:`element_lookup` builds the same lookup with the classes below
put in place of the originals, so every fix is local to pubconv's parser: nothing is
monkeypatched and plain citeproc-py keeps behaving as before.  Each fix is a small, named mixin
whose docstring cites the rule of the CSL 1.0.2 specification it implements.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from citeproc import model as cm
from citeproc.source import DateRange, VariableError
from citeproc.source import Name as _SourceName
from citeproc.string import (
    MixedString,
    NoCase,
    String,
    normalize_seam,
)
from lxml import etree

from pubconv.citation import markup as mk
from pubconv.model import OTHERS_LITERAL

CSL_NS = "http://purl.org/net/xbiblio/csl"


# --- formatter: citeproc-py formatting hooks -> pubconv markers ---------------------------


def _wrapper(pair: tuple[str, str]) -> Any:
    def wrap(text: Any) -> Any:
        return String(pair[0] + str(text) + pair[1])

    return wrap


class MarkerFormatter:
    """A citeproc-py formatter (module-like object) that emits :mod:`markup` markers."""

    Italic = staticmethod(_wrapper(mk.ITALIC))
    Oblique = Italic
    Bold = staticmethod(_wrapper(mk.BOLD))
    Light = staticmethod(lambda text: text)
    Underline = staticmethod(_wrapper(mk.UNDERLINE))
    Superscript = staticmethod(_wrapper(mk.SUPERSCRIPT))
    Subscript = staticmethod(_wrapper(mk.SUBSCRIPT))
    SmallCaps = staticmethod(_wrapper(mk.SMALL_CAPS))

    @staticmethod
    def preformat(text: Any) -> Any:
        """No escaping here: :mod:`pubconv.citation.output` escapes per output format."""
        return text


FORMATTER = MarkerFormatter()


_FIXED: dict[str, type] = {}


def _register(tag: str) -> Any:
    def decorate(cls: type) -> type:
        _FIXED[tag] = cls
        return cls

    return decorate


# --- fix: punctuation_merging ----------------------------------------------------------

_MERGES_INTO = {".": ".?!:;", ",": ",", ";": ";", ":": ":;"}
"""Which marks absorb a following one (citeproc-js's table: ``7:`` + ``.`` gives ``7:``)."""


def _drop_first(other: Any) -> Any:
    if isinstance(other, MixedString):
        segments = list(other)
        head = type(segments[0])(str(segments[0])[1:])
        segments[0:1] = [head] if str(head) else []
        return MixedString(segments)
    return type(other)(str(other)[1:])


def _strip_end(text: Any) -> Any:
    """``text`` without its trailing spaces, keeping each piece's string class."""
    if isinstance(text, MixedString):
        segments = list(text)
        while segments:
            last = _strip_end(segments[-1])
            if str(last):
                segments[-1] = last
                break
            segments.pop()
        return MixedString(segments)
    return type(text)(str(text).rstrip(" "))


def merge_seam(left: Any, right: Any) -> Any:
    """``right`` as it may follow ``left``: CSL 1.0.2 "Punctuation" (appendix) merging.

    A ``.`` after text already ending in ``.``, ``?``, ``!``, ``:`` or ``;`` is dropped
    (``issues?.`` -> ``issues?``, ``7:.`` -> ``7:``), as is a repeated ``,``/``;``/``:`` and a
    ``:`` after ``;``; formatting markers and a closing quote mark between them are looked
    through.  Everything else is citeproc-py's own seam rule.
    """
    right_text = str(right)
    if right_text:
        raw = str(left)
        left_text = raw.rstrip("".join(mk.CLOSERS))
        allowed = _MERGES_INTO.get(right_text[0])
        if allowed and left_text and left_text[-1] in allowed:
            if mk.NAMES[1] in raw[len(left_text) :]:  # merged into a marked name list
                return String(mk.MERGED[0] + right_text[0] + mk.MERGED[1]) + _drop_first(right)
            return _drop_first(right)
    return normalize_seam(left, right)


def _before_punctuation(left: Any, right: Any) -> Any:
    """``left`` without its trailing spaces when ``right`` starts with ``,``, ``;`` or ``.``
    (pandoc alike: a suffix ``". "`` then ``", "`` gives ``2006., AAAI``, not ``2006. ,``).
    A colon keeps its space: French typography puts one before it."""
    head = str(right).lstrip(_OPENERS)[:1]
    if head in _NO_SPACE_BEFORE and str(left).endswith(" "):
        return _strip_end(left)
    return left


_NO_SPACE_BEFORE = frozenset(",;.")


def _starts_with_punctuation(text: Any) -> bool:
    return str(text).lstrip(_OPENERS)[:1] in _NO_SPACE_BEFORE


_OPENERS = "".join(mk.OPENERS)


class PunctuationMerging:
    """Affixes and delimiters never double punctuation, even across formatting (CSL appendix),
    and leave no space before punctuation at a seam."""

    def wrap(self: Any, string: Any) -> Any:
        if string is None:
            return None
        prefix = _before_punctuation(self.get("prefix", ""), string)
        suffix = self.get("suffix", "")
        text = prefix + normalize_seam(prefix, string)
        text = _before_punctuation(text, suffix)
        return text + merge_seam(text, suffix)

    def join(self: Any, strings: Any, default_delimiter: str = "") -> Any:
        return merging_join(strings, self.get("delimiter", default_delimiter))


def merging_join(strings: Any, delimiter: str) -> Any:
    """``strings`` joined by ``delimiter`` with :func:`merge_seam` at every seam."""
    items = [s for s in strings if s is not None]
    if not items:
        return String("")
    out = items[0]
    for item in items[1:]:
        if delimiter.strip()[:1] in _NO_SPACE_BEFORE and _starts_with_punctuation(item):
            # the piece brings its own punctuation: ``pp. 32–59`` + ``, Berlin`` under a
            # ". " delimiter reads ``pp. 32–59, Berlin`` (pandoc alike), not ``59. , Berlin``
            out = _before_punctuation(out, item)
            out = out + merge_seam(out, item)
            continue
        out = _before_punctuation(out, delimiter)  # ``Systems., Berlin``
        out = out + merge_seam(out, delimiter)
        out = _before_punctuation(out, item)
        out = out + merge_seam(out, item)
    return out


class MergingChildren:
    """``cs:if``/``cs:else-if``/``cs:else`` join what they render with the enclosing group's
    delimiter (``cs:choose`` is transparent), and macros and layouts join their children;
    citeproc-py used its plain seam rule there, which cannot see through formatting markers
    (``Steven S.`` + ``. `` gave ``S..``)."""

    def render_children(self: Any, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        output = []
        for child in self.iterchildren():
            try:
                if isinstance(child, cm.Choose):
                    text = child.render(item, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, **kwargs)
                if text is not None:
                    output.append(text)
            except VariableError:
                pass
        return merging_join(output, delimiter) if output else None


# --- fix: substituted_variables_suppressed ----------------------------------------------

_TEXT_TAG = f"{{{CSL_NS}}}text"


_NUMBER_TAG = f"{{{CSL_NS}}}number"
_NAMES_TAG = f"{{{CSL_NS}}}names"


def _record(element: Any, context: Any, tag: str, variables: list[str]) -> None:
    """Note ``variables`` as rendered by a ``tag`` element, when a ``cs:substitute`` listens."""
    layout = (context if context is not None else element).get_layout()
    recording = getattr(layout, "pubconv_recording", None)
    if recording is not None:
        recording.extend((tag, v) for v in variables)


def _repressed(element: Any, context: Any, tag: str) -> list[str]:
    layout = (context if context is not None else element).get_layout()
    return list(getattr(layout, "repressed", {}).get(tag, ()))


class SubstitutedTextRecorder:
    """Records which variables a ``cs:text`` renders while a ``cs:substitute`` is active."""

    def _variable(self: Any, item: Any, context: Any) -> Any:
        text = super()._variable(item, context)  # type: ignore[misc]
        if text is not None and str(text):
            _record(self, context, _TEXT_TAG, [self.get("variable")])
        return text


@_register("number")
class FixedNumber(cm.Number):  # type: ignore[misc]
    """CSL 1.0.2 "Substitution" for ``cs:number``: a number substituted for the author (APA's
    edition inside the title macro of a ``@manual`` without author) is suppressed in the rest of
    the output; citeproc-py printed ``(3rd ed.)`` twice."""

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        variable = self.get("variable")
        if variable in _repressed(self, context, _NUMBER_TAG):
            return None
        text = super().process(item, context=context, **kwargs)
        if text is not None and str(text):
            _record(self, context, _NUMBER_TAG, [variable])
        return text


@_register("substitute")
class FixedSubstitute(cm.Substitute):  # type: ignore[misc]
    """CSL 1.0.2 "Substitution": "Substituted variables are suppressed in the rest of the
    output".  citeproc-py only suppresses a substitute that names a variable itself, so APA
    printed a title substituted through ``<text macro="title"/>`` twice."""

    def add_to_repressed_list(self, child: Any, context: Any) -> None:
        super().add_to_repressed_list(child, context)
        layout = (context if context is not None else self).get_layout()
        for tag, variable in getattr(layout, "pubconv_recorded", None) or []:
            layout.repressed.setdefault(tag, []).append(variable)
        if isinstance(child, cm.Names):  # ``editor translator`` stands for two variables
            layout.repressed.setdefault(_NAMES_TAG, []).extend(child.get("variable", "").split())

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        layout = (context if context is not None else self).get_layout()
        text = None
        for child in self.getchildren():
            layout.pubconv_recording = []
            try:
                if isinstance(child, cm.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            finally:
                layout.pubconv_recorded = layout.pubconv_recording
                layout.pubconv_recording = None
            if text:
                self.add_to_repressed_list(child, context)
                break
            text = None
        return text


# --- fix: group_counts_taken_branch -----------------------------------------------------


def _taken_branch(choose: Any, item: Any, context: Any, delimiter: str, kwargs: Any) -> Any:
    for branch in choose.getchildren():
        try:
            return branch, branch.render(item, context=context, delimiter=delimiter, **kwargs)
        except cm.ConditionFailed:
            continue
    return None, None


def _counts_as_variable(child: Any) -> bool:
    return isinstance(child, cm.Group) or (isinstance(child, cm.Text) and child.get("macro"))


@_register("group")
class FixedGroup(PunctuationMerging, cm.Group):  # type: ignore[misc]
    """CSL 1.0.2 "Group": a group is suppressed when it calls variables and all are empty.
    Only the branch of a ``cs:choose`` that is taken counts; citeproc-py also counted the
    untaken branches, so APA printed a spurious ``(Publication)`` for every thesis.  And, as
    CSL 1.0.2 words it, "a non-empty nested cs:group is treated as a non-empty variable" and so
    is a non-empty ``cs:text macro=``; citeproc-py counted neither (NLM dropped ``In.``)."""

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        output = []
        called = rendered = False
        delimiter = self.get("delimiter", "")
        for child in self.iterchildren():
            try:
                if isinstance(child, cm.Choose):
                    branch, text = _taken_branch(child, item, context, delimiter, kwargs)
                    calls = branch is not None and branch.calls_variable()
                else:
                    text = child.render(item, context=context, **kwargs)
                    calls = child.calls_variable()
            except VariableError:
                calls = child.calls_variable() if not isinstance(child, cm.Choose) else False
                text = None
            if text is not None and str(text) and _counts_as_variable(child):
                calls = True  # CSL 1.0.2: a non-empty macro or nested group is a variable
            called = called or calls
            if text is not None:
                output.append(text)
                rendered = rendered or calls
        if output and (not called or rendered):
            return self.join(output)
        raise VariableError


# --- fix: title_case_labels -------------------------------------------------------------


def _english(element: Any) -> bool:
    root = element.get_root()
    language = root.get(LOCALE_ATTRIBUTE) or root.get("default-locale") or "en-US"
    return str(language).lower().startswith("en")


LOCALE_ATTRIBUTE = "{https://pubconv.invalid/ns}locale"
"""Set on the style root: the locale the run uses (title case applies to English only)."""


def _has_value(item: Any, variable: str) -> bool:
    if variable == "locator":
        return bool(item.has_locator)
    try:
        value = item.reference[variable.replace("-", "_")]
    except (VariableError, KeyError):
        return False
    return value is not None and str(value) != ""


@_register("label")
class FixedLabel(PunctuationMerging, cm.Label):  # type: ignore[misc]
    """CSL 1.0.2 "Text-case": ``title`` applies to English output.  citeproc-py passed no
    language for labels, so ``text-case="title"`` never applied: ``(ed.)`` for ``(Ed.)``."""

    def process(self, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        """CSL 1.0.2 "Label": the term "is only rendered if the selected variable is
        non-empty"; citeproc-py rendered a standalone label for an empty variable (Chicago's
        ``Edition.`` after every conference paper without an edition)."""
        name = self.get("variable") or ""
        if variable is None and not _has_value(item, name):
            return None
        context = kwargs.get("context")
        if variable is None and name in (
            _repressed(self, context, _NUMBER_TAG) + _repressed(self, context, _TEXT_TAG)
        ):
            return None  # a substituted variable counts as empty (``(3rd ed.)`` given once)
        return super().process(item, variable, *args, **kwargs)

    def case(self, text: Any, language: Any = None) -> Any:
        if language is None and _english(self):
            language = "en"
        return super().case(text, language)


# --- fix: title_case_words -------------------------------------------------------------

_STOP_WORDS = frozenset(cm.TextCased._stop_words) | {"about"}
"""citeproc-py's CSL 1.0.1 list plus ``about`` (in CSL 1.0.2's stop-words.json, citeproc-js and
pandoc alike)."""


def _title_part(part: str, force: bool) -> str:
    """One hyphen-separated part of a word in title case (its first *letter* capitalised)."""
    if not part.islower():
        return part  # mixed or upper case stays as it is
    start = next((i for i, ch in enumerate(part) if ch.isalnum()), None)
    if start is None or not part[start].isalpha():
        return part  # ``30th`` stays
    if not force and part[start:].rstrip(".,;:!?)]’'\"”") in _STOP_WORDS:
        return part
    return part[:start] + part[start].upper() + part[start + 1 :]


def title_case_word(word: str, force: bool) -> str:
    """CSL 1.0.2 "Title case conversion" for one word: each lowercase word gets its first
    character capitalised, stop words stay lower case unless ``force`` (first word or after a
    colon); the parts of a hyphenated compound are words too (``Context-Sensitive``,
    ``Plug-Ins``), as in citeproc-js and pandoc, and leading punctuation is looked through
    (``(Volume``).  citeproc-py capitalised neither."""
    parts = _COMPOUND.split(word)  # [part, separator, part, ...]
    out = [_title_part(parts[0], force)]
    out.extend(p if i % 2 == 0 else _title_part(p, False) for i, p in enumerate(parts[1:]))
    return "".join(out)


_COMPOUND = re.compile("([-\u2014])")
"""Hyphen and em dash separate the words of a compound (``Optimizer—Design``)."""


class TitleCasing:
    """``text-case="title"`` by :func:`title_case_word`, keeping ``nocase`` spans as they are."""

    def case(self: Any, text: Any, language: Any = None) -> Any:
        if self.get("text-case") is None:
            return text
        if not isinstance(text, (String, MixedString)):
            # a name part arrives as plain str, and citeproc-py's text-case methods exist on
            # its String only (AttributeError: 'str' object has no attribute 'capitalize_first')
            return str(self.case(_as_string(text), language))
        if self.get("text-case") != "title" or not (
            language == "en" or (language is None and _english(self))
        ):
            return super().case(_as_string(text), language)  # type: ignore[misc]
        pieces = _flatten(text)
        last = _last_word(pieces)
        out: Any = String("")
        prev = ":"  # the first word is always capitalised
        glued = False  # the previous piece ended inside a word (``Graham-{G}lanville``)
        for number, piece in enumerate(pieces):
            raw = str(piece)
            if isinstance(piece, NoCase) or not raw:
                cased: Any = piece
            else:
                parts = _SPACE_RUN.split(raw)  # [word, space, word, ...]
                for index in range(0, len(parts), 2):
                    word = parts[index]
                    if not word:
                        continue
                    if index == 0 and glued:  # the rest of a word: only its compound parts
                        head, *rest = _COMPOUND.split(word, maxsplit=1)
                        if rest:
                            parts[0] = head + rest[0] + title_case_word(rest[1], False)
                        continue
                    before = prev if index == 0 else (parts[index - 2][-1:] or prev)
                    force = before in (":", ".", "?", "!") or (number, index) == last
                    parts[index] = title_case_word(word, force)
                cased = type(piece)("".join(parts))
            if raw.strip():
                prev = raw.rstrip()[-1:]
            glued = bool(raw) and not raw[-1].isspace()
            out = out + cased
        return out


_SPACE_RUN = re.compile(r"(\s+)")


def _as_string(text: Any) -> Any:
    """``text`` as citeproc-py strings all the way down (its ``MixedString`` methods call
    ``String`` methods on every piece; a plain ``str`` piece raised ``AttributeError``)."""
    if isinstance(text, MixedString):
        return MixedString([_as_string(piece) for piece in text])
    if isinstance(text, String):
        return text
    return String(str(text))


def _last_word(pieces: list[Any]) -> tuple[int, int]:
    """(piece, part) of the string's last word: CSL 1.0.2 capitalises a last stop word too
    (``... Solved This Problem Yet?``)."""
    for number in range(len(pieces) - 1, -1, -1):
        parts = _SPACE_RUN.split(str(pieces[number]))
        for index in range(len(parts) - 1, -1, -2):  # words sit at even indices
            if any(ch.isalnum() for ch in parts[index]):
                return number, index
    return -1, -1


def _flatten(text: Any) -> list[Any]:
    """The ``String``/``NoCase`` pieces of a possibly nested ``MixedString``, in order."""
    if isinstance(text, MixedString):
        return [piece for part in text for piece in _flatten(part)]
    return [text]


def join_words(words: list[Any]) -> Any:
    """Words joined by single spaces, each keeping its string class (``NoCase`` or ``String``)."""
    out: Any = String("")
    for index, word in enumerate(words):
        out = out + (String(" ") if index else String("")) + word
    return out


# --- fix: quotes (punctuation_in_quote) -------------------------------------------------

_SORTING: ContextVar[bool] = ContextVar("pubconv_sorting", default=False)
_T = TypeVar("_T")


def sorting() -> AbstractContextManager[None]:
    """Render sort keys: CSL 1.0.2 "Sorting Macros" take a macro's text "without rich text
    markup", and quotation marks from ``quotes="true"`` are formatting, so ``“Pointer ...”``
    sorts under P (pandoc alike); citeproc-py kept the marks and sorted every quoted title
    before A."""
    return _setting(_SORTING, True)


@contextmanager
def _setting(variable: ContextVar[_T], value: _T) -> Iterator[None]:
    """``variable`` set to ``value`` while the block runs (one rendering's state)."""
    token = variable.set(value)
    try:
        yield
    finally:
        variable.reset(token)


@_register("text")
class FixedText(SubstitutedTextRecorder, PunctuationMerging, cm.Text):  # type: ignore[misc]
    """CSL 1.0.2 locale option ``punctuation-in-quote``: a following ``.``/``,`` goes inside
    the closing quote (``“Title,”``).  citeproc-py ignores the option; pubconv marks the closing
    quote here and :mod:`pubconv.citation.output` applies the rule once the next character is known."""

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """CSL 1.0.2 "Sorting Macros": names in a sort key read ``name-as-sort-order="all"``
        however deep the macro nests them; citeproc-py dropped the sort options at a
        ``<text macro>``, so ``Chen, Yinda, Che Liu`` sorted as if ``Che`` were a family name."""
        sort_options = kwargs.get("sort_options")
        if sort_options is None or "macro" not in self.attrib:
            return super().process(item, context, **kwargs)
        try:
            language = item.reference.language[:2]
        except VariableError:
            language = self.get_root().get("default-locale", "en")[:2]
        macro = self.get_macro(self.get("macro"))
        return macro.render(
            item, self if context is None else context, sort_options=sort_options
        ), language

    def quote(self, string: Any) -> Any:
        if self.get("quotes", "false").lower() != "true" or _SORTING.get():
            return string
        open_quote = self.get_single_term(name="open-quote")
        close_quote = self.get_single_term(name="close-quote")
        inner = (
            str(self.get_single_term(name="open-inner-quote")),
            str(self.get_single_term(name="close-inner-quote")),
        )
        string = flip_quotes(string, (str(open_quote), str(close_quote)), inner)
        return (
            open_quote + string + String(mk.QUOTE_CLOSE[0] + str(close_quote) + mk.QUOTE_CLOSE[1])
        )


def flip_quotes(text: Any, outer: tuple[str, str], inner: tuple[str, str]) -> Any:
    """CSL 1.0.2 "Quotes": quotes nested in quoted text alternate between the locale's outer and
    inner quote marks (``“A ‘B’ C”``); citeproc-py nested ``“A “B” C”``."""
    if not all(len(q) == 1 for q in (*outer, *inner)) or outer == inner:
        return text
    table = {
        ord(outer[0]): inner[0],
        ord(outer[1]): inner[1],
        ord(inner[0]): outer[0],
        ord(inner[1]): outer[1],
    }
    if inner[1] == "’":
        table.pop(ord(inner[1]))  # also the apostrophe: leave it alone
    if isinstance(text, MixedString):
        return MixedString([type(part)(str(part).translate(table)) for part in text])
    return (
        type(text)(str(text).translate(table))
        if isinstance(text, String)
        else str(text).translate(table)
    )


# --- fix: initials ----------------------------------------------------------------------


def initialize(given: str, mark: str, hyphen: bool) -> str:
    """Initials of ``given`` as CSL 1.0.2 "Name-part Order"/``initialize-with`` describes.

    ``Jean-Luc`` -> ``J.-L.`` (``J.L.`` without ``initialize-with-hyphen``); a lower-case part
    after a hyphen is dropped (``Li-wei`` -> ``L.``, as citeproc-js and pandoc do); particles
    such as ``de`` stay; existing initials (``J.R.R.``) are normalised.
    """
    words: list[str] = []
    for word in given.replace(".-", "-").replace(".", ". ").split():
        word = word.rstrip(".")
        if not word:
            continue
        parts = [p for p in word.split("-") if p]
        if parts and not parts[0][:1].isupper():
            words.append(word)  # a particle, kept whole
            continue
        initials = [p[0] + mark.rstrip() for p in parts if p[:1].isupper()]
        words.append(("-" if hyphen else "").join(initials))
    text = ""
    for word in words:
        if text:
            text += " " if (mark.endswith(" ") or not word.endswith(mark.rstrip())) else ""
        text += word
    return text.strip()


def normalise_initials(given: str, mark: str) -> str:
    """CSL 1.0.2 ``initialize="false"``: names stay whole, single letters get the mark
    (``James T Kirk`` -> ``James T. Kirk``); citeproc-py ignored the attribute and
    initialised every name (Chicago's ``Abelson, Harold`` became ``Abelson, H.``).  Initials
    already in the name are set with the mark too (``F.E.`` -> ``F. E.``), as citeproc-js and
    pandoc do."""
    out = []
    for word in given.split():
        if len(word) == 1 and word.isupper():
            out.append(word + mark.rstrip())
        elif _GLUED_INITIALS.fullmatch(word):
            sep = " " if mark.endswith(" ") else ""
            out.append(sep.join(letter + mark.rstrip() for letter in word if letter.isupper()))
        else:
            out.append(word)
    return " ".join(out)


_GLUED_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
"""``F.E.``, ``J.R.R.``: initials written without spaces (a linear pattern)."""


SHOWN_KEY = "pubconv_names_shown"
"""On a cite: how many names its entry shows to match its disambiguated cite (0: the style's)."""


def _cited_variable(item: Any, variable: str) -> bool:
    """Whether ``variable`` holds the names a cite shows: the authors, else the editors."""
    if variable == "author":
        return True
    return variable == "editor" and "author" not in item.reference


@_register("name")
class FixedName(PunctuationMerging, cm.Name):  # type: ignore[misc]
    """Initialisation with hyphenated given names (``Li-wei`` gave ``L.-. wei``) and through
    highlight markers (:class:`HighlightedName`)."""

    def process(
        self, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kw: Any
    ) -> Any:
        """BibTeX ``and others`` (a trailing ``others`` name) renders as the style's et-al term."""
        names = item.reference.get(variable, [])
        shown = dict.get(item, SHOWN_KEY, 0)
        if shown and not _SORTING.get() and _cited_variable(item, variable):
            style_min = self.get_option("et-al-min", context, sort_options)
            style_first = self.get_option("et-al-use-first", context, sort_options)
            if style_min and len(names) >= style_min and shown > style_first:
                sort_options = {
                    **(sort_options or {}),
                    "et-al-use-first": str(shown),
                    **({"et-al-min": str(len(names) + 1)} if shown >= len(names) else {}),
                }
        if len(names) > 1 and dict.get(names[-1], "literal") == OTHERS_LITERAL:
            real = len(names) - 1
            style_min = self.get_option("et-al-min", context, sort_options)
            style_first = self.get_option("et-al-use-first", context, sort_options)
            first = min(style_first, real) if style_min and real >= style_min else real
            sort_options = {
                **(sort_options or {}),
                "et-al-min": str(real + 1),
                "et-al-use-first": str(max(first, 1)),
                "et-al-use-last": "false",
            }
        return super().process(item, variable, context=context, sort_options=sort_options, **kw)

    def initialize(self, given: Any, mark: str, context: Any) -> Any:
        text = str(given)
        marked = text.startswith(mk.HIGHLIGHT[0])
        in_full = mk.FULL_GIVEN[0] in text  # the cite needed the full given name
        if in_full or self.get("initialize", "true").lower() == "false":
            result = normalise_initials(mk.strip(text), mark)
            return f"{mk.HIGHLIGHT[0]}{result}{mk.HIGHLIGHT[1]}" if marked else result
        result = initialize(
            mk.strip(text), mark, self.get_option("initialize-with-hyphen", context)
        )
        return f"{mk.HIGHLIGHT[0]}{result}{mk.HIGHLIGHT[1]}" if marked else result


# --- fix: second_field_space ------------------------------------------------------------


def _render_some(parent: Any, children: Any, item: Any) -> Any:
    output = []
    for child in children:
        try:
            text = child.render(item)
        except VariableError:
            continue
        if text is not None:
            output.append(text)
    return cm.join(output, "") if output else None


@_register("layout")
class FixedLayout(PunctuationMerging, cm.Layout):  # type: ignore[misc]
    """CSL 1.0.2 ``second-field-align``: the first field (``[1]``) is set apart from the rest;
    in text output that is a space (``[1] A. Author``), where citeproc-py wrote ``[1]A. Author``."""

    def render_bibliography(self, citation_items: Any) -> Any:
        if not self.getparent().get("second-field-align"):
            return super().render_bibliography(citation_items)
        children = list(self.iterchildren())
        out = []
        for item in citation_items:
            self.repressed: dict[str, Any] = {}
            first = _render_some(self, children[:1], item)
            rest = _render_some(self, children[1:], item)
            parts = [p for p in (first, rest) if p is not None]
            text = cm.join(parts, " ") if parts else None
            text = self.format(self.wrap(text))
            if text is not None:
                out.append(text)
        return out


@_register("date")
class FixedDate(cm.Date):  # type: ignore[misc]
    """CSL 1.0.2 localized dates: a ``cs:date`` with ``form`` uses the locale's date format, whose
    ``delimiter`` separates the parts; citeproc-py joined them with the calling element's
    (absent) delimiter, so NLM/Vancouver printed ``1993Sep`` for ``1993 Sep``."""

    def join(self, strings: Any, default_delimiter: str = "") -> Any:
        form = self.get("form")
        if form is not None and self.get("delimiter") is None and not self.is_locale_date():
            default_delimiter = self.get_date(form).get("delimiter", default_delimiter)
        return super().join(strings, default_delimiter)

    def process(self, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        """A localized date renders through the locale's date parts, not the style's, so the
        implicit year suffix (:class:`YearSuffixedDatePart`) is placed after the year here."""
        text = super().process(item, variable, *args, **kwargs)
        suffix = _YEAR_SUFFIX.get()
        if not suffix or not isinstance(text, str):
            return text
        name = str(variable or self.get("variable") or "").replace("-", "_")
        try:
            value = item.reference[name]
            start = value.begin if isinstance(value, DateRange) else value
            year = str(abs(int(start.year)))
        except (VariableError, AttributeError, TypeError, ValueError):
            return text  # a literal date or one without a year: nothing to attach to
        at = text.find(year)
        if at < 0:
            return text
        _YEAR_SUFFIX.set("")
        end = at + len(year)
        return type(text)(text[:end] + suffix + text[end:])


# --- fix: implicit_year_suffix -----------------------------------------------------------

_YEAR_SUFFIX: ContextVar[str] = ContextVar("pubconv_year_suffix", default="")


def implicit_year_suffix(suffix: str) -> AbstractContextManager[None]:
    """Render one entry whose style does not place ``year-suffix`` itself: CSL 1.0.2 appends
    it to "the first year rendered through ``cs:date``"; citeproc-py never did, so
    ``Chase et al. 1990`` twice stayed ambiguous in Elsevier Harvard or Springer styles."""
    return _setting(_YEAR_SUFFIX, suffix)


@_register("date-part")
class YearSuffixedDatePart(PunctuationMerging, cm.Date_Part):  # type: ignore[misc]
    """The first rendered year takes the pending implicit year suffix."""

    def process(self, date: Any, context: Any = None) -> Any:
        text = super().process(date, context)
        suffix = _YEAR_SUFFIX.get()
        if suffix and self.get("name") == "year" and text:
            _YEAR_SUFFIX.set("")
            return str(text) + suffix
        return text


# --- feature: subsequent_author_substitute ----------------------------------------------

_MARK_NAMES: ContextVar[bool] = ContextVar("pubconv_mark_names", default=False)


def marking_names() -> AbstractContextManager[None]:
    """Render bibliography entries with each name list between :data:`markup.NAMES` markers;
    the runner keeps the first one in the output (citeproc-py has no
    ``subsequent-author-substitute``)."""
    return _setting(_MARK_NAMES, True)


@_register("names")
class MarkedNames(PunctuationMerging, cm.Names):  # type: ignore[misc]
    """CSL 1.0.2 "Reference Grouping": substitution "is limited to the names of the first
    ``cs:names`` element rendered" and keeps that element's affixes, so the markers go around
    the name list inside the affixes.  Every list is marked (a render may be discarded, as by
    group suppression); a list that ``cs:substitute`` rendered is marked where it was rendered,
    not again around it."""

    def process(self, item: Any, names_context: Any = None, context: Any = None, **kw: Any) -> Any:
        text = self._unsuppressed(item, names_context, context, **kw)
        if not _MARK_NAMES.get() or _SORTING.get() or not isinstance(text, (str, MixedString)):
            return text
        plain = str(text)
        if not plain or mk.NAMES[0] in plain:
            return text
        opener = mk.NAMES[0] + mk.NAMES_ID[0] + _names_digest(item, self, plain) + mk.NAMES_ID[1]
        if isinstance(text, MixedString):
            return String(opener) + text + String(mk.NAMES[1])
        return type(text)(opener + text + mk.NAMES[1])

    def _unsuppressed(self, item: Any, names_context: Any, context: Any, **kw: Any) -> Any:
        """CSL 1.0.2 "Substitution": name variables a ``cs:substitute`` rendered are
        suppressed in the rest of the output (APA printed the editors of an edited book twice:
        ``Smith, J. (Ed.). (2020). Title (J. Smith, Ed.).``); rendered ones are recorded for an
        enclosing substitute."""
        if names_context is None and self.name is None:
            # CSL 1.0.2 "Substitution": a shorthand cs:names in cs:substitute inherits the
            # parent's cs:name and cs:et-al, also inside a cs:choose there (Chicago's editors
            # came out as "D. Okafor, A. Lindqvist" without it)
            found = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names[1]")
            names_context = found[0] if found else None
        roles = str(self.get("variable", "")).split()
        repressed = _repressed(self, context, _NAMES_TAG) if not _SORTING.get() else []
        kept = [r for r in roles if r not in repressed]
        if not kept:
            raise VariableError
        if len(kept) < len(roles):
            self.set("variable", " ".join(kept))
            try:
                text = super().process(item, names_context, context, **kw)
            finally:
                self.set("variable", " ".join(roles))
        else:
            text = super().process(item, names_context, context, **kw)
        if text is not None and str(text):
            _record(
                self,
                context,
                _NAMES_TAG,
                [r for r in kept if r.replace("-", "_") in item.reference],
            )
        return text


def _names_digest(item: Any, names: Any, rendered: str) -> str:
    """Which persons a name list stands for (all of them, not only those an et-al shows):
    CSL 1.0.2 substitutes "when all names of the name variable match" the previous entry's.
    Output a ``cs:substitute`` gave in their place (a title) stands for itself."""
    people: list[Any] = []
    for role in str(names.get("variable", "")).split():
        if role.replace("-", "_") in item.reference:
            people.append(
                (
                    role,
                    [
                        [(k, mk.strip(str(v))) for k, v in sorted(n.items())]
                        for n in item.reference[role]
                    ],
                )
            )
    return hashlib.sha256(repr(people or rendered).encode()).hexdigest()[:16]


# --- fix: page_range_format ---------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"(\D*?)(\d+)")


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        count += 1
    return count


def last_page(first: str, last: str, range_format: str | None) -> str:
    """The end of a page range as CSL 1.0.2 Appendix V "Page Range Formats" writes it.

    An abbreviated end is completed from the start first (``146-60`` is 146 to 160).
    citeproc-py compared digits from the left whatever their lengths, so ``1-25`` in
    ``minimal-two`` became ``1–5`` and ``1-30`` became ``1–0``, and it treated chicago-16 as
    chicago-15 (``1496–1500`` for the 16th edition's ``1496–500``) and applied the 15th
    edition's four-digit rule to five-digit numbers.
    """
    if range_format is None:
        return last
    start, end = _PAGE_NUMBER.fullmatch(first), _PAGE_NUMBER.fullmatch(last)
    if not start or not end or end.group(1) not in ("", start.group(1)):
        return last
    a, b = start.group(2), end.group(2)
    if len(b) < len(a):
        b = a[: len(a) - len(b)] + b
    if len(a) != len(b) or int(b) <= int(a):
        return b
    common = _common_prefix(a, b)
    style = range_format
    if style in ("chicago", "chicago-15", "chicago-16"):
        number = int(a)
        if number < 100 or number % 100 == 0:
            style = "expanded"
        elif number % 100 < 10:
            style = "minimal"
        elif range_format != "chicago-16" and len(a) == 4 and len(a) - common >= 3:
            style = "expanded"  # 15th ed.: four digits of which three change, all digits
        else:
            style = "minimal-two"
    if style == "minimal":
        return b[common:]
    if style == "minimal-two":
        return b[min(common, len(b) - 2) :] if len(b) >= 2 else b
    return b


class PageRanges:
    """``page-range-format`` by :func:`last_page`."""

    def _format_last_page(self: Any, first: str, last: str) -> str:
        return last_page(first, last, self.get_root().get_option("page-range-format"))


# --- speed: style_lookups --------------------------------------------------------------


@dataclass
class _StyleIndex:
    """Look-ups that stay the same for a parsed style, keyed by element identity.  Every
    element's proxy is held here, so lxml hands out the same Python object for it each time
    and ``id`` stays valid; elements citeproc-py adds while rendering are not indexed."""

    root: Any
    elements: dict[int, Any]
    macros: dict[str, Any]
    calls: dict[int, bool] = field(default_factory=dict)
    layouts: dict[int, Any] = field(default_factory=dict)


_STYLES: dict[int, _StyleIndex] = {}


def index_style(root: Any) -> None:
    """Index ``root``'s style (called once per parsed style)."""
    macros = {m.get("name"): m for m in root.iterfind(f"{{{CSL_NS}}}macro")}
    elements = {id(e): e for e in root.iter()}
    _STYLES[id(root)] = _StyleIndex(root, elements, macros)


def forget_style(root: Any) -> None:
    """Drop ``root``'s index (its style is gone)."""
    _STYLES.pop(id(root), None)


def _index_of(element: Any) -> _StyleIndex | None:
    root = element.get_root()
    index = _STYLES.get(id(root))
    if index is None or index.root is not root or index.elements.get(id(element)) is not element:
        return None
    return index


class StyleLookups:
    """Macros, ``calls_variable`` and the enclosing layout from a per-style index: citeproc-py
    ran an XPath query per ``get_macro`` call (some 200,000 for 1,000 APA entries, a quarter of
    the rendering time) and re-walked the style tree for every ``calls_variable`` (400,000)."""

    def get_macro(self: Any, name: str) -> Any:
        index = _index_of(self)
        if index is not None and name in index.macros:
            return index.macros[name]
        return super().get_macro(name)  # type: ignore[misc]

    def calls_variable(self: Any) -> bool:
        index = _index_of(self)
        if index is None:
            return bool(super().calls_variable())  # type: ignore[misc]
        known = index.calls.get(id(self))
        if known is None:
            known = index.calls[id(self)] = bool(super().calls_variable())  # type: ignore[misc]
        return known

    def get_layout(self: Any) -> Any:
        index = _index_of(self)
        if index is None:
            return super().get_layout()  # type: ignore[misc]
        layout = index.layouts.get(id(self))
        if layout is None:
            layout = index.layouts[id(self)] = super().get_layout()  # type: ignore[misc]
        return layout


def element_lookup() -> etree.ElementNamespaceClassLookup:
    """citeproc-py's element classes by CSL tag, with pubconv's fixed subclasses in place."""
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    classes = [
        c for c in cm.CitationStylesElement.__subclasses__() if not issubclass(c, StyleLookups)
    ]
    namespace[None] = type("CitationStylesElement", (StyleLookups, cm.CitationStylesElement), {})
    for cls in classes:
        tag = cls.__name__.replace("_", "-").lower()
        fixed = _FIXED.get(tag)
        if fixed is None and issubclass(cls, (cm.Affixed, cm.Delimited)):
            fixed = type(cls.__name__, (PunctuationMerging, cls), {"__doc__": cls.__doc__})
        base = fixed or cls
        if issubclass(base, cm.TextCased):
            base = type(base.__name__, (TitleCasing, base), {"__doc__": base.__doc__})
        if issubclass(base, cm.FormatNumber):
            base = type(base.__name__, (PageRanges, base), {"__doc__": base.__doc__})
        if issubclass(base, (cm.If, cm.Else, cm.Macro, cm.Layout)):
            base = type(base.__name__, (MergingChildren, base), {"__doc__": base.__doc__})
        namespace[tag] = type(base.__name__, (StyleLookups, base), {"__doc__": base.__doc__})
    return lookup


# --- highlighted persons -----------------------------------------------------------------


class HighlightedName(_SourceName):  # type: ignore[misc]
    """A person to show in bold (``--highlight``): every name part is wrapped in markers.

    Highlighting the person (not searching the output) works in every style: initials, family
    first, particles.  :meth:`FixedName.initialize` looks through the markers.
    """

    def __init__(self, name: Any) -> None:
        dict.__init__(self, name)

    def parts(self) -> tuple[Any, ...]:
        return tuple(
            None if p is None else f"{mk.HIGHLIGHT[0]}{p}{mk.HIGHLIGHT[1]}" for p in super().parts()
        )
