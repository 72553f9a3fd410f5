"""The built-in formats, registered explicitly in ONE place: one ``Format`` entry per format.

Each entry names its reader, writer and other hooks as ``"module:function"`` strings that
:func:`lazy` imports on first call, so ``import pubconv`` and ``pubconv --version`` load no
format code (and none of bs4, lxml, pylatexenc or bibtexparser).  Name, aliases and extensions
are plain data; a sniffer lives in its format package's ``__init__``, which must stay cheap to
import (no reader or writer imports there).  To add a format, add one ``registry.add(...)``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from pubconv.registry import Format, Registry


class _Lazy:
    """A callable standing for ``module:function``, imported the first time it is called."""

    __slots__ = ("_func", "_target")

    def __init__(self, target: str) -> None:
        self._target = target
        self._func: Callable[..., Any] | None = None

    def resolve(self) -> Callable[..., Any]:
        """The real function (importing its module now if it was not yet)."""
        if self._func is None:
            module, _, name = self._target.partition(":")
            self._func = getattr(import_module(module), name)
        return self._func

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.resolve()(*args, **kwargs)

    def __repr__(self) -> str:
        return f"lazy({self._target!r})"


def lazy(target: str) -> Callable[..., Any]:
    """``target`` (``"package.module:function"``) as a callable that imports it on first use."""
    return _Lazy(target)


def default_registry() -> Registry:
    """A fresh registry holding the built-in formats (nothing of theirs is imported yet)."""
    registry = Registry()
    registry.add(
        Format(
            name="bibtex",
            description="BibTeX / BibLaTeX database (.bib)",
            aliases=("bib", "biblatex"),
            extensions=(".bib",),
            read=lazy("pubconv.formats.bibtex.reader:read"),
            write=lazy("pubconv.formats.bibtex.writer:write"),
            sniff=lazy("pubconv.formats.bibtex:sniff"),
            unshown=lazy("pubconv.formats.bibtex.keys:unshown"),
        )
    )
    registry.add(
        Format(
            name="csljson",
            description="CSL-JSON, the citeproc data format (.json)",
            aliases=("csl", "json", "csl-json"),
            extensions=(".json",),
            read=lazy("pubconv.formats.csljson.reader:read"),
            write=lazy("pubconv.formats.csljson.writer:write"),
            sniff=lazy("pubconv.formats.csljson:sniff"),
        )
    )
    registry.add(
        Format(
            name="jekyll",
            description="Jekyll Markdown publication page (.md)",
            aliases=("md", "markdown"),
            extensions=(".md", ".markdown"),
            read=lazy("pubconv.formats.jekyll.reader:read"),
            write=lazy("pubconv.formats.jekyll.writer:write"),
            sniff=lazy("pubconv.formats.jekyll:sniff"),
            unshown=lazy("pubconv.formats.jekyll.coverage:unshown"),
            role="site",
            style_hints=("jekyll.italic", "jekyll.venue_frame", "jekyll.no_abstract"),
        )
    )
    registry.add(
        Format(
            name="academicpages",
            description="academicpages _publications/ folder (one .md per paper)",
            aliases=("academic-pages",),
            extensions=(".md",),
            read=lazy("pubconv.formats.academicpages.reader:read"),
            sniff=lazy("pubconv.formats.academicpages:sniff"),
            files=lazy("pubconv.formats.academicpages:files"),
            write_tree=lazy("pubconv.formats.academicpages.writer:write_tree"),
            unshown=lazy("pubconv.formats.frontmatter:unsafe_links"),
            role="site",
        )
    )
    registry.add(
        Format(
            name="hugo",
            description="Hugo/HugoBlox publication folders (<slug>/index.md + cite.bib)",
            aliases=("hugoblox", "wowchemy"),
            extensions=(".md",),
            read=lazy("pubconv.formats.hugo.reader:read"),
            sniff=lazy("pubconv.formats.hugo:sniff"),
            files=lazy("pubconv.formats.hugo:files"),
            write_tree=lazy("pubconv.formats.hugo.writer:write_tree"),
            unshown=lazy("pubconv.formats.frontmatter:unsafe_links"),
            role="site",
        )
    )
    registry.add(
        Format(
            name="cslyaml",
            description="CSL-YAML, pandoc's and Better BibTeX's YAML form of CSL-JSON (use --from)",
            aliases=("csl-yaml",),
            read=lazy("pubconv.formats.cslyaml:read"),
            write=lazy("pubconv.formats.cslyaml:write"),
            sniff=lazy("pubconv.formats.cslyaml:sniff"),
        )
    )
    registry.add(
        Format(
            name="labsite",
            description="lab-website-template _data/citations.yaml, sources.yaml (YAML; use --from)",
            aliases=("lab-website-template",),
            read=lazy("pubconv.formats.labsite:read"),
            write=lazy("pubconv.formats.labsite:write"),
            sniff=lazy("pubconv.formats.labsite:sniff"),
            unshown=lazy("pubconv.formats.labsite.mapping:unshown"),
            role="site",
        )
    )
    registry.add(
        Format(
            name="publist",
            description="Jekyll _data/publist.yml publication list (YAML; use --from)",
            aliases=("publist-yml",),
            read=lazy("pubconv.formats.publist:read"),
            write=lazy("pubconv.formats.publist:write"),
            sniff=lazy("pubconv.formats.publist:sniff"),
            unshown=lazy("pubconv.formats.publist.mapping:unshown"),
            role="site",
        )
    )
    registry.add(
        Format(
            name="alfolio",
            description="al-folio _bibliography/papers.bib (BibTeX with al-folio's fields; "
            "use --from/--to)",
            aliases=("al-folio",),
            read=lazy("pubconv.formats.alfolio:read"),
            write=lazy("pubconv.formats.alfolio:write"),
            role="site",
        )
    )
    return registry


REGISTRY = default_registry()
