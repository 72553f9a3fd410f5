"""Every regular expression in ``src/pubconv``, fed long near-matches, scaled to find super-linear ones.

Patterns are collected two ways: compiled ``re.Pattern`` objects held by any module or class
(imported), and every ``re.<function>("literal", ...)`` call in the source (parsed, so patterns
used inline in functions are included).  Patterns built at run time inside a function (an
f-string passed to ``re.compile`` in a function body) are not seen; keep those at module level.

For each pattern, inputs are runs of the characters it mentions (and a few generic ones), alone
and in pairs, after the pattern's literal prefix, ended by a character that breaks the match.
``finditer`` (what ``search``, ``sub`` and ``findall`` cost) runs over each at two sizes; a
pattern whose time grows much faster than the size (quadratic: 16x for 4x the size) is reported.

``python tests/regex_linearity.py`` prints the report as JSON (the test runs it in a child process
with a timeout, so an exponential pattern fails the test instead of hanging it).
"""

from __future__ import annotations

import ast
import importlib
import itertools
import json
import pkgutil
import re
import sys
import time
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parent.parent / "src"
SMALL, LARGE = 1_000, 4_000
GROWTH_LIMIT = 10.0
"""Largest time ratio for 4x the input (linear ~4, quadratic ~16, with room for noise)."""
FLOOR = 0.02
"""Seconds below which the large input is fast enough whatever the ratio (timer noise)."""
GENERIC = " a0\n\t-.,{}[]()<>*_$\\\"'@#%&|:;=/~^!?+é"
BREAK = "\x00"

ANCHORED: dict[str, str] = {
    r"(?:[^$\\]|\\.)*\$": "latex: .match after a `$`; scans memoised by _MathScans",
    r"(?:[^\\]|\\[^)])*\\\)": "latex: .match after `\\(`; scans memoised by _MathScans",
    r"(?:[^\\]|\\[^\]])*\\\]": "latex: .match after `\\[`; scans memoised by _MathScans",
    r"(?:[^$\\]|\\.)*\$\$": "latex: .match after `$$`; a scan stops at the next `$`, "
    "where the next one starts",
    r"(\D*?)(\d+)": "citation.fixes: fullmatch of one page number only",
    r"([^\s{}\",=@\\#%]+)[ \t\r\n]*=[ \t\r\n]*": "bibtex.scanner: .match at the start of "
    "a field; a field that does not match sends its block to bibtexparser's splitter",
    "([a-z]+-)(?=[A-Z\\u00C0-\\u024F])": "citation.csl: .match at the start of one name part",
    '[ \\t\\r\\n]*([^\\s{}\\",=@\\\\#%]+)[ \\t\\r\\n]*=': "bibtex.scanner: .match right after `@string{`; a miss goes to the splitter",
    '[ \\t\\r\\n]*([^\\s{}\\",=@\\\\#]+)[ \\t\\r\\n]*([,}])': "bibtex.scanner: .match right after an entry's `{`; a miss goes to the splitter",
    '[ \\t\\r\\n]*+([^\\s{}\\",=@\\\\#%]++)[ \\t\\r\\n]*+(=)[ \\t\\r\\n]*+((?:(?<!\\\\)\\{(?:[^{}\\\\]++|\\\\|(?<=\\\\)[{}]|(?<!\\\\)\\{(?:[^{}\\\\]++|\\\\|(?<=\\\\)[{}]|(?<!\\\\)\\{(?:[^{}\\\\]++|\\\\|(?<=\\\\)[{}]|(?<!\\\\)\\{(?:[^{}\\\\]++|\\\\|(?<=\\\\)[{}])*+(?<!\\\\)\\})*+(?<!\\\\)\\})*+(?<!\\\\)\\})*+(?<!\\\\)\\}|"(?:[^"]++|(?<=\\\\)"|(?<=\\{)"(?=\\}))*+"|[^\\s,{}"#=@\\\\%]++)(?:[ \\t\\r\\n]*+#[ \\t\\r\\n]*+(?:(?<!\\\\)\\{(?:[^{}\\\\]++|\\\\|(?<=\\\\)[{}]|(?<!\\\\)\\{(?:[^{}\\\\]++|\\\\|(?<=\\\\)[{}]|(?<!\\\\)\\{(?:[^{}\\\\]++|\\\\|(?<=\\\\)[{}]|(?<!\\\\)\\{(?:[^{}\\\\]++|\\\\|(?<=\\\\)[{}])*+(?<!\\\\)\\})*+(?<!\\\\)\\})*+(?<!\\\\)\\})*+(?<!\\\\)\\}|"(?:[^"]++|(?<=\\\\)"|(?<=\\{)"(?=\\}))*+"|[^\\s,{}"#=@\\\\%]++))*+)[ \\t\\r\\n]*+([,}])': "bibtex.scanner: .match at a field start (possessive); a miss goes to the splitter",
    '[ \\t\\r\\n]*<div style="display: none;" class=abs id="([^"&<>]*)">(?:<br>)?([^<&]*)</div>[ \\t\\r\\n]*': "jekyll.entry: fullmatch of one abstract chunk",
    "[ \\t]*<a onclick='([^'&<>]*)'>([^<&]*)</a>[ \\t]*": "jekyll.entry: fullmatch of one line",
    "[a-z0-9]+(?:-[a-z0-9]+)+": "hugo.mapping: fullmatch of one author slug",
    "\\{(?:[^{}\\\\]++|\\\\.|\\{(?:[^{}\\\\]++|\\\\.|\\{(?:[^{}\\\\]++|\\\\.|\\{(?:[^{}\\\\]++|\\\\.)*+\\})*+\\})*+\\})*+\\}": "bibtex: fullmatch of one field value (possessive)",
    "^(?P<venue>.*?)(?:\\s*\\((?P<short>[^()]+)\\))?[\\s,]*(?P<year>1[5-9]\\d\\d|20\\d\\d)$": "publist.mapping: .match of one venue line of at most 600 characters",
    "^(?P<venue>.*?)[\\s,]*\\((?P<year>1[5-9]\\d\\d|20\\d\\d)\\)$": "publist.mapping: .match of one venue line of at most 600 characters",
    "^(?P<venue>.*?)\\s*\\((?P<short>[^()\\s]+)\\)$": "publist.mapping: .match of one venue line of at most 600 characters",
    "[^A-Za-z0-9]*([A-Z])[^A-Z0-9]*": "bibtex.sentence: fullmatch of one part of one word",
    "[ \\t\\r\\n]*\\}": "bibtex.scanner: .match after a field's `,`, at the end of an entry",
}
"""Patterns only ever matched at a position their caller advances past (``.match``/``fullmatch``),
never searched: super-linear under ``finditer`` but linear as used.  Each needs its reason, and
``test_regex_linearity.py`` times the callers on the same adversarial inputs instead."""

try:
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python < 3.11
    import sre_parse  # type: ignore[no-redef]


def _flags(node: ast.expr | None) -> int | None:
    """``re.I | re.M``-style flags, or None when not a plain expression of ``re`` constants."""
    if node is None:
        return 0
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        if node.value.id == "re" and hasattr(re, node.attr):
            return int(getattr(re, node.attr))
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = _flags(node.left), _flags(node.right)
        return None if left is None or right is None else left | right
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value
    return None


_FUNCS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}
_FLAG_POS = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "findall": 2, "finditer": 2}


def source_patterns() -> set[tuple[str, int, str]]:
    """``(pattern, flags, where)`` for each ``re.f("literal", ...)`` call in ``src/pubconv``."""
    found: set[tuple[str, int, str]] = set()
    for path in sorted((SRC / "pubconv").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _FUNCS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                continue
            flag_node = next((k.value for k in node.keywords if k.arg == "flags"), None)
            pos = _FLAG_POS.get(node.func.attr)
            if flag_node is None and pos is not None and len(node.args) > pos:
                flag_node = node.args[pos]
            flags = _flags(flag_node)
            if flags is not None:
                where = f"{path.relative_to(SRC)}:{node.lineno}"
                found.add((node.args[0].value, flags, where))
    return found


def module_patterns() -> set[tuple[str, int, str]]:
    """Compiled patterns held by every module of pubconv (and by classes defined there)."""
    import pubconv

    found: set[tuple[str, int, str]] = set()
    for info in pkgutil.walk_packages(pubconv.__path__, "pubconv."):
        if info.name.endswith("__main__"):
            continue  # runs the command line
        try:
            module = importlib.import_module(info.name)
        except ImportError:
            continue
        spaces: list[tuple[str, dict[str, Any]]] = [(info.name, vars(module))]
        spaces += [
            (f"{info.name}.{name}", vars(value))
            for name, value in vars(module).items()
            if isinstance(value, type) and value.__module__ == info.name
        ]
        for where, space in spaces:
            for name, value in space.items():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    found.add((value.pattern, value.flags & ~re.UNICODE, f"{where}.{name}"))
    return found


_CATEGORY = {
    "CATEGORY_DIGIT": "0",
    "CATEGORY_NOT_DIGIT": "a",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "a",
    "CATEGORY_WORD": "a",
    "CATEGORY_NOT_WORD": "!",
    "CATEGORY_LINEBREAK": "\n",
    "CATEGORY_NOT_LINEBREAK": "a",
}


def _chars(parsed: Any, out: list[str]) -> None:
    """Characters the pattern mentions, in order (representatives of classes)."""
    for op, arg in parsed:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append("a" if arg != ord("a") else "b")
        elif name == "ANY":
            out.append("a")
        elif name == "IN":
            for item_op, item_arg in arg:
                item = str(item_op)
                if item == "LITERAL":
                    out.append(chr(item_arg))
                elif item == "RANGE":
                    out.append(chr(item_arg[0]))
                elif item == "CATEGORY":
                    out.append(_CATEGORY.get(str(item_arg), "a"))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _chars(arg[2], out)
        elif name == "SUBPATTERN":
            _chars(arg[-1], out)
        elif name in ("ATOMIC_GROUP",):
            _chars(arg, out)
        elif name == "BRANCH":
            for branch in arg[1]:
                _chars(branch, out)
        elif name in ("ASSERT", "ASSERT_NOT"):
            _chars(arg[1], out)
        elif name == "GROUPREF_EXISTS":
            _chars(arg[1], out)
            if arg[2] is not None:
                _chars(arg[2], out)


def _prefix(parsed: Any) -> str:
    text = []
    for op, arg in parsed:
        if str(op) != "LITERAL":
            break
        text.append(chr(arg))
    return "".join(text)


def inputs(pattern: str, flags: int, size: int) -> list[str]:
    """Long near-matches for ``pattern`` of about ``size`` characters."""
    parsed = sre_parse.parse(pattern, flags)
    mentioned: list[str] = []
    _chars(parsed, mentioned)
    chars = list(dict.fromkeys(mentioned + list(GENERIC)))
    pairs = list(dict.fromkeys(a + b for a, b in itertools.pairwise(mentioned)))
    prefix = _prefix(parsed)
    out = [c * size + BREAK for c in chars]
    out += [p * (size // 2) + BREAK for p in pairs[:40]]
    out += [prefix + c * size + BREAK for c in mentioned[:20]] if prefix else []
    out += (
        [(prefix + c) * (size // (len(prefix) + 1)) + BREAK for c in mentioned[:10]]
        if prefix
        else []
    )
    return out


def _cost(regex: re.Pattern[str], text: str, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _match in regex.finditer(text):
            pass
        best = min(best, time.perf_counter() - start)
    return best


def check(pattern: str, flags: int) -> list[dict[str, Any]]:
    """The inputs on which ``pattern`` grows faster than linearly (empty: it is linear)."""
    regex = re.compile(pattern, flags)
    slow: list[dict[str, Any]] = []
    small_inputs = inputs(pattern, flags, SMALL)
    large_inputs = inputs(pattern, flags, LARGE)
    for small, large in zip(small_inputs, large_inputs, strict=True):
        if _cost(regex, large) < FLOOR:
            continue
        t_small, t_large = _cost(regex, small, 3), _cost(regex, large, 3)
        if t_large >= FLOOR and t_large / max(t_small, 1e-6) > GROWTH_LIMIT:
            slow.append(
                {"input": large[:60], "small_s": round(t_small, 4), "large_s": round(t_large, 4)}
            )
            break
    return slow


def report() -> dict[str, Any]:
    """Every pattern found, how many, and the super-linear ones with a witness input."""
    patterns: dict[tuple[str, int], str] = {}
    for pattern, flags, where in sorted(source_patterns() | module_patterns()):
        patterns.setdefault((pattern, flags), where)
    bad = []
    for (pattern, flags), where in patterns.items():
        if pattern in ANCHORED:
            continue
        slow = check(pattern, flags)
        if slow:
            bad.append({"pattern": pattern, "where": where, "witness": slow[0]})
    anchored = sorted({p for p, _ in patterns} & set(ANCHORED))
    return {"checked": len(patterns), "anchored": anchored, "super_linear": bad}


if __name__ == "__main__":
    sys.path.insert(0, str(SRC))
    json.dump(report(), sys.stdout, indent=1)
