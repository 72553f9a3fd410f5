"""Benchmark: the timings that used to be assertions in tests, and the cost of the bad inputs.

Not a timed test: run it by hand (``python benchmarks/bench_hardening.py``) and read the table.

- reading a 500-entry Jekyll page, and the same page with a 10 MB HTML comment appended
  (``tests/test_jekyll_reader.py`` checks the result; it used to assert under 1 s and 10 s);
- ``check`` on a 250-entry page (``tests/test_check.py``; used to assert under 5 s);
- every ``fixtures/bad/`` case through the CLI in one child process: wall time and peak memory
  (``tests/test_bad_inputs.py`` runs the same cases under a 2 GB address-space limit);
- with ``--scale``: issue 10's scale rows, 200,000 entries in every streamed direction beside
  pandoc (killed after 15 minutes) and a 100,000-entry page, one run each, with the load
  average (the same rows as ``python benchmarks/run.py --only scale``).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

ENTRY = """**Paper {n}** <br>
_Ann Lee, Bo Chen_ <br>
<span><pub> Conference on Things (CoT), 2020</pub></span> <br>
[Paper](https://example.org/{n}.pdf){{:target="\\_blank"}} |
<a onclick='expandABS("p{n}")'> Abstract </a>

<div style="display: none;" class=abs id="p{n}"><br>
Text of abstract {n} with enough words to look like a real one.
</div>

"""


def _time(label: str, job: object) -> None:
    start = time.perf_counter()
    job()  # type: ignore[operator]
    print(f"{label:<48} {time.perf_counter() - start:8.3f} s")


def scale() -> None:
    """The 200,000-entry conversions beside pandoc's (``run.py``'s scale rows)."""
    import tempfile

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import run

    data = Path(tempfile.mkdtemp(prefix="pubconv-bench-"))
    print(f"load average before: {run._load()}")
    rows = run.scale_jobs(data)
    for row in rows:
        row.measure(1)
    print(f"load average after: {run._load()}")
    print(run.table(rows))


def main() -> None:
    """Print one line per measurement."""
    if "--scale" in sys.argv[1:]:
        scale()
        return
    import pubconv
    from pubconv.check import check_page

    page = "---\ntitle: big\n---\n\n## All\n\n" + "".join(ENTRY.format(n=i) for i in range(500))
    big = page + "<!--\n" + ("x" * 99 + "\n") * 100_000 + "-->\n"
    _time("read a 500-entry page", lambda: pubconv.loads(page, "jekyll"))
    _time("read it with a 10 MB comment", lambda: pubconv.loads(big, "jekyll"))
    clean = (ROOT / "fixtures" / "check" / "clean.md").read_text(encoding="utf-8")
    entry = clean.split("## 2024\n")[1]
    checked = "---\ntitle: big\n---\n" + "".join(
        entry.replace("ruiz24", f"r{i}").replace("chen22", f"c{i}") for i in range(250)
    )
    _time("check a 250-entry page", lambda: check_page(checked, "big.md"))
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "bad_cases.py")],
        capture_output=True,
        check=False,
        env={"PYTHONPATH": f"{ROOT / 'src'}:{ROOT / 'tests'}", "PATH": "/usr/bin:/bin"},
    )
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
    print(f"{'all fixtures/bad cases through the CLI (' + status + ')':<48} {wall:8.3f} s")
    print(f"{'  peak memory of that process':<48} {peak:8.1f} MB")


if __name__ == "__main__":
    main()
