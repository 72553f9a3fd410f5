"""Coverage-guided fuzzing of pubconv's readers with atheris (libFuzzer), for long runs by hand.

Not part of CI (CI runs the fixed-budget Hypothesis tests in ``tests/test_fuzz.py``); see
``docs/hardening.md`` for how to run it.  The first input byte picks the reader, the rest is
the file's bytes; each input goes through ``tests/fuzzing.py:check_read``, so a crash here is
exactly a broken promise there.  Seeds: ``python fuzz/atheris_readers.py --make-seeds DIR``
writes the project's fixtures (selector byte + text) into DIR.

    pip install atheris
    python fuzz/atheris_readers.py --make-seeds fuzz/seeds
    python fuzz/atheris_readers.py fuzz/seeds -max_total_time=3600 -artifact_prefix=fuzz/crash-
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]


def make_seeds(folder: Path) -> int:
    """Write every fixture, prefixed with its reader's selector byte, into ``folder``."""
    from fuzzing import READERS, seeds

    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for index, reader in enumerate(READERS):
        for number, text in enumerate(seeds(ROOT / "fixtures")[reader]):
            data = bytes([index]) + text.encode("utf-8", "surrogatepass")
            (folder / f"{reader}-{number}").write_bytes(data)
            count += 1
    return count


def main() -> None:
    """Run libFuzzer over ``check_read`` (arguments are libFuzzer's)."""
    if sys.argv[1:2] == ["--make-seeds"]:
        print(f"{make_seeds(Path(sys.argv[2]))} seeds written to {sys.argv[2]}")
        return
    import atheris

    with atheris.instrument_imports(include=["pubconv"]):
        import pubconv.formats.bibtex.reader
        import pubconv.formats.csljson.reader
        import pubconv.formats.jekyll.reader  # noqa: F401
    from fuzzing import READERS, check_read

    def one_input(data: bytes) -> None:
        if not data:
            return
        check_read(data[1:], READERS[data[0] % len(READERS)])

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
