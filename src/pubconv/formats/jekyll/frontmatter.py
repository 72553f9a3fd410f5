"""Front matter YAML read safely: ``safe_load`` after a depth check of the event stream.

PyYAML's composer recurses once per nesting level, so front matter nested a few hundred levels
deep (``title: [[[[...]]]]``) raises ``RecursionError``.  Its event parser does not recurse:
:func:`load` walks the events first and refuses anything deeper than :data:`MAX_DEPTH` with a
located ``yaml.MarkedYAMLError``, which readers already turn into a warning.
"""

from __future__ import annotations

from typing import Any, Final

import yaml

MAX_DEPTH: Final = 50
"""Deepest nesting read; Jekyll front matter rarely goes past 3 (``nav: - title: ...``)."""

_OPEN: Final = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE: Final = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def load(text: str) -> Any:
    """``yaml.safe_load(text)``, or ``yaml.YAMLError`` (never ``RecursionError``)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                mark: Any = event.start_mark
                raise yaml.MarkedYAMLError(
                    problem=f"nested more than {MAX_DEPTH} levels deep (not read)",
                    problem_mark=mark,
                )
        elif isinstance(event, _CLOSE):
            depth -= 1
    return yaml.safe_load(text)
