"""The built-in formats, registered explicitly in one place (no import side effects elsewhere)."""

from __future__ import annotations

from pubconv.registry import Registry


def default_registry() -> Registry:
    """A fresh registry holding the built-in formats."""
    from pubconv.formats import alfolio, bibtex, csljson, cslyaml, jekyll, labsite, publist

    registry = Registry()
    for module in (bibtex, csljson, jekyll, cslyaml, labsite, publist, alfolio):
        registry.add(module.FORMAT)
    return registry


REGISTRY = default_registry()
