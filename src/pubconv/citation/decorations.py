"""``<span class="nodecor">`` in the data: undo the formatting the style puts around it.

A case name is italic in legal styles, but its ``v.`` is not: Zotero and citeproc-js let the
data say so with ``<i>Lessard <span class="nodecor">v.</span> Schmidt</i>`` (CSL-JSON rich
text; pandoc reads it too).  Which property to reset is known only once the entry is rendered
and the formatting around the span is there, so :func:`markup.to_marked` leaves a
:data:`markup.NO_DECORATION` pair and :func:`resolve` turns it into one :data:`markup.NORMAL`
pair per enclosing italic, bold or small-caps span (HTML: ``<span
style="font-style:normal;">``); with nothing around it, it goes.
"""

from __future__ import annotations

from typing import Final

from pubconv.citation import markup as mk

_RESETS: Final = {
    mk.ITALIC[0]: mk.NORMAL["font-style"],
    mk.BOLD[0]: mk.NORMAL["font-weight"],
    mk.SMALL_CAPS[0]: mk.NORMAL["font-variant"],
}
_CLOSER_OF: Final = {p[0]: p[1] for p in mk.PAIRS}


def resolve(marked: str) -> str:
    """``marked`` with each :data:`markup.NO_DECORATION` pair replaced by the resets of the
    formatting open around it (one pass; the open formats are counted, not searched)."""
    if mk.NO_DECORATION[0] not in marked:
        return marked
    out: list[str] = []
    open_: list[str] = []  # openers of the spans around the current position
    active = dict.fromkeys(_RESETS, 0)  # how many of each resettable format are open
    pending: list[list[str]] = []  # closers to write at each open no-decoration span's end
    for char in marked:
        if char == mk.NO_DECORATION[0]:
            pairs = [_RESETS[o] for o, n in active.items() if n]
            out.extend(p[0] for p in pairs)
            pending.append([p[1] for p in reversed(pairs)])
        elif char == mk.NO_DECORATION[1]:
            out.extend(pending.pop() if pending else [])
        else:
            if char in _CLOSER_OF:
                open_.append(char)
                if char in active:
                    active[char] += 1
            elif char in mk.CLOSERS and open_ and _CLOSER_OF[open_[-1]] == char:
                closed = open_.pop()
                if closed in active:
                    active[closed] -= 1
            out.append(char)
    return "".join(out)
