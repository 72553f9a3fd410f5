"""Replacing an output file so that a reader never sees half of it and a failure changes nothing.

Regular files are written to a temp file in the same folder, fsynced, then renamed over the
target (the folder is fsynced too), keeping the target's permission bits.  Everything else is
written through, as ``cat > PATH`` would: character devices (``/dev/null``, ``/dev/full``),
FIFOs, sockets, and names of open descriptors (``/dev/stdout``, ``/dev/fd/N``, ``/proc/...``).  A symlink is
followed: its target is replaced atomically and the link itself stays.

A run killed with SIGKILL cannot remove its temp file, so temp files carry their owner:
``.pubconv-<host>-<pid>-<random>.tmp``.  Every write first removes the temp files in its folder
whose process is gone (same host) or that are older than :data:`STALE_AFTER` seconds (any host).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import sys
import time
from collections.abc import Iterator
from typing import Final

from pubconv.errors import WriteError

STALE_AFTER: Final = 3600.0
"""A temp file older than this (seconds) is stale whoever made it."""

_PREFIX: Final = ".pubconv-"
_TEMP_NAME: Final = re.compile(r"\.pubconv-(?:([0-9a-f]{8})-(\d+)-)?[A-Za-z0-9_]+\.tmp")
"""Ours: ``.pubconv-<host>-<pid>-<random>.tmp``; also the older ``.pubconv-<random>.tmp``."""

_WRITE_THROUGH_NAMES: Final = ("/dev/stdout", "/dev/stderr", "/dev/tty", "/dev/fd/", "/proc/")
"""Names of an open descriptor, written in place even when it is a regular file (``>>``
redirections keep appending; a rename would swap the file under the shell)."""


def _host_tag() -> str:
    if hasattr(os, "uname"):  # POSIX: the name gethostname() returns, without importing socket
        host = os.uname().nodename  # (some 3 ms of every write's start-up)
    else:  # pragma: no cover - Windows
        import socket

        host = socket.gethostname()
    return hashlib.sha256(host.encode("utf-8", "replace")).hexdigest()[:8]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return True
    return True


def remove_stale_temps(directory: str, *, now: float | None = None) -> list[str]:
    """Delete the temp files of dead writers in ``directory``; returns the names removed.

    A temp file is stale when its name says it was made on this host by a process that no
    longer runs, or when it is older than :data:`STALE_AFTER` seconds.
    """
    now = time.time() if now is None else now
    host = _host_tag()
    removed: list[str] = []
    try:
        names = [n for n in os.listdir(directory) if n.startswith(_PREFIX)]
    except OSError:
        return removed
    for name in names:
        match = _TEMP_NAME.fullmatch(name)
        if match is None:
            continue
        full = os.path.join(directory, name)
        try:
            info = os.lstat(full)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        tag, pid = match.group(1), match.group(2)
        dead = tag == host and pid is not None and int(pid) != os.getpid() and not _alive(int(pid))
        if dead or now - info.st_mtime > STALE_AFTER:
            with contextlib.suppress(OSError):
                os.unlink(full)
                removed.append(name)
    return removed


def _fail(shown: str, exc: OSError) -> WriteError:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOENT:
        reason = "no such folder" if not os.path.isdir(os.path.dirname(shown) or ".") else reason
    return WriteError(f"cannot write {shown}: {reason}")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_FD_NAME: Final = re.compile(r"/dev/(?:fd/(\d+)|std(out|err))|/proc/self/fd/(\d+)")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _write_through(path: str, data: bytes) -> None:
    """Write into a device, FIFO or open descriptor in place (no temp file, no rename).

    ``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N`` and ``/proc/self/fd/N`` write to the
    descriptor this process already has, so a shell's ``>> log`` keeps appending (reopening
    the name would truncate the log).
    """
    named = _FD_NAME.fullmatch(os.path.abspath(path))
    if named is not None:
        number, std, proc = named.groups()
        fd = int(number or proc) if (number or proc) else (1 if std == "out" else 2)
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
        _write_all(fd, data)
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


def _is_write_through(path: str) -> bool:
    """True for names ``cat >`` writes into in place: devices, FIFOs, sockets, descriptors."""
    absolute = os.path.abspath(path)
    if absolute.startswith(_WRITE_THROUGH_NAMES):
        return True
    try:
        mode = os.stat(path).st_mode  # follows symlinks
    except FileNotFoundError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _fsync_dir(directory: str) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def replacing(target: str) -> Iterator[int]:
    """An open descriptor of a fresh temp file beside ``target``; when the block ends without
    an error the file is fsynced and renamed over ``target`` (mode kept), else removed.

    The one place a file is replaced: :func:`write_bytes` uses it for whole texts, and the
    streaming converter for output written record by record."""
    directory = os.path.dirname(os.path.abspath(target))
    remove_stale_temps(directory)
    import secrets

    tmp = os.path.join(
        directory, f"{_PREFIX}{_host_tag()}-{os.getpid()}-{secrets.token_hex(6)}.tmp"
    )
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        try:
            yield fd
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(directory)


def _atomic_replace(target: str, data: bytes) -> None:
    with replacing(target) as fd:
        _write_all(fd, data)


def write_bytes(path: str, data: bytes, *, allow_empty: bool = False) -> None:
    """Replace ``path`` with ``data`` (see the module docstring); OS errors become
    :class:`~pubconv.errors.WriteError` ``cannot write PATH: reason``.

    Unless ``allow_empty``, an empty (or all-whitespace) ``data`` never replaces a non-empty
    regular file: that is almost always an input that held nothing, not a wish to erase.
    """
    try:
        if _is_write_through(path):
            _write_through(path, data)
            return
        target = os.path.realpath(path) if os.path.islink(path) else path
        if os.path.isdir(target):
            raise WriteError(f"cannot write {path}: is a folder")
        if not allow_empty and not data.strip():
            with contextlib.suppress(OSError):
                if os.path.getsize(target) > 0:
                    raise WriteError(
                        f"cannot write {path}: the output is empty and would replace a "
                        "non-empty file (nothing written)"
                    )
        _atomic_replace(target, data)
    except OSError as exc:
        raise _fail(path, exc) from None
