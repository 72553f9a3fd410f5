"""Random publications through the lab-site layouts.

CSL-YAML and al-folio carry everything (al-folio through its ``@comment`` sidecar); the two
template layouts carry less, and whatever they drop must be named by their ``unshown`` (the
warning ``convert`` prints), never lost silently.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings

import pubconv
from pubconv.formats import REGISTRY
from pubconv.model import Bibliography, Publication
from strategies import publications

_SKIP = {"key", "origin", "hints", "extra"}


def _round_trip(pub: Publication, fmt: str) -> Publication:
    text = pubconv.dumps(Bibliography.of([pub]), fmt)
    back = pubconv.loads(text, fmt).publications
    assert len(back) == 1, text
    return dataclasses.replace(back[0], origin=None)


@pytest.mark.parametrize("fmt", ["cslyaml", "alfolio"])
@settings(max_examples=60)
@given(pub=publications())
def test_lossless_layouts_give_every_record_back(fmt: str, pub: Publication) -> None:
    assert _round_trip(pub, fmt) == pub


@pytest.mark.parametrize("fmt", ["labsite", "publist"])
@settings(max_examples=60)
@given(pub=publications())
def test_template_layouts_lose_only_what_they_announce(fmt: str, pub: Publication) -> None:
    unshown = REGISTRY.get(fmt).unshown
    assert unshown is not None
    announced = " ".join(unshown(pub))
    back = _round_trip(pub, fmt)
    for field in dataclasses.fields(pub):
        if field.name in _SKIP or field.name.split("_")[0] in announced:
            continue
        assert getattr(back, field.name) == getattr(pub, field.name), field.name
