"""CSL macros that call themselves, directly or through others, or that are not defined,
found before rendering.

citeproc-py follows ``<text macro="a"/>`` by recursion, so a loop (``a`` -> ``b`` -> ``a``) ends
in ``RecursionError`` on the first entry, and a call of a macro the style does not define ends
in ``IndexError`` ("citeproc-py failed on an entry").  The CSL specification forbids both; a
style that has either is refused when it is loaded, naming the macro and the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pubconv.errors import CitationError

_CS = "{http://purl.org/net/xbiblio/csl}"


def check_macro_calls(tree: Any, path: Path) -> None:
    """Raise :class:`CitationError` for a call of an undefined macro (``style.csl:7: macro
    'x' is not defined``) or a loop (``style.csl:5: macro 'a' calls itself: a -> b -> a``)."""
    root = tree.getroot()
    defined = {macro.get("name") or "" for macro in root.iterfind(f"{_CS}macro")}
    for node in root.iter(f"{_CS}text", f"{_CS}key"):
        name = node.get("macro")
        if name is not None and name not in defined:
            where = f"{path}:{node.sourceline}" if node.sourceline else str(path)
            raise CitationError(f"{where}: macro {name!r} is not defined in the style")
    calls: dict[str, list[tuple[str, int | None]]] = {}
    for macro in root.iterfind(f"{_CS}macro"):
        name = macro.get("name") or ""
        calls[name] = [
            (str(node.get("macro")), node.sourceline)
            for node in macro.iter()
            if node is not macro and node.get("macro") is not None
        ]
    done: set[str] = set()
    for start in calls:
        if start in done:
            continue
        # iterative depth-first search; ``trail`` is the current call chain
        trail: list[str] = [start]
        on_trail = {start}
        todo: list[list[tuple[str, int | None]]] = [list(calls[start])]
        while todo:
            if not todo[-1]:
                todo.pop()
                finished = trail.pop()
                on_trail.discard(finished)
                done.add(finished)
                continue
            callee, line = todo[-1].pop()
            if callee in on_trail:
                loop = " -> ".join([*trail[trail.index(callee) :], callee])
                where = f"{path}:{line}" if line else str(path)
                raise CitationError(f"{where}: macro {callee!r} calls itself: {loop}")
            if callee in done or callee not in calls:
                continue
            trail.append(callee)
            on_trail.add(callee)
            todo.append(list(calls[callee]))
