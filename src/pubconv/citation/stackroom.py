"""Room on the interpreter's frame stack for a deep rendering.

CPython (3.11 on) keeps the frames of Python functions in chunks of 16 KiB, mapped when the
recursion runs past the end of one and unmapped as soon as it returns below its start.  CSL
rendering recurses some 50 to 100 frames deep for every element of every entry (macros in
groups in branches in macros) and comes back up as often: when a chunk ended inside that range,
each crossing cost an ``mmap`` and a ``munmap``, some 45,000 of each per 1,000 APA entries,
0.3 s of system time, a fifth of the run (seen with ``strace -c``).

:func:`with_room` calls a function from a frame of 64 KiB: the interpreter gives that frame a
chunk of its own, twice its size, and the calls below it have the rest of the chunk, room for
the deepest style without crossing an end (``strace``: 28 ``munmap`` calls instead of 44,000).
A frame that size costs nothing to enter: its variables are never assigned (the function is
made once per process, in about 2 ms, when a rendering first asks for it).
"""

from __future__ import annotations

import types
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

_VARIABLES = 8192
"""Local variables of :func:`with_room`'s frame, 8 bytes each: 64 KiB."""

_Argument = TypeVar("_Argument")
_Result = TypeVar("_Result")


def _call(function: Callable[[Any], Any], argument: Any) -> Any:
    return function(argument)


def _frame_of_size(variables: int) -> Callable[..., Any]:
    """:func:`_call` with ``variables`` more local variables, never assigned: the code object's
    own list of variables made longer (compiling a source that names them took 13 ms)."""
    code = _call.__code__
    names = code.co_varnames + tuple(f"_{i}" for i in range(variables))
    return types.FunctionType(code.replace(co_varnames=names, co_nlocals=len(names)), {})


@lru_cache(maxsize=1)
def _with_room() -> Callable[..., Any]:
    return _frame_of_size(_VARIABLES)


def with_room(function: Callable[[_Argument], _Result], argument: _Argument) -> _Result:
    """``function(argument)``, called from a frame that leaves the calls below it room on the
    frame stack (see the module docstring)."""
    return _with_room()(function, argument)  # type: ignore[no-any-return]


def frame_variables() -> int:
    """How many local variables the frame :func:`with_room` calls from has."""
    return int(_with_room().__code__.co_nlocals)
