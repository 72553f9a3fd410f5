"""Whole-process benchmarks: pubconv beside pandoc and bibtexparser's bare parse, one table.

Every figure is a whole process (start-up included), each tool run once per file on the same
single file with the options a user would give, the tools taking turns (paired, alternating
which goes first), and the median of ``--runs`` rounds (5 by default) reported: wall seconds,
CPU seconds (user + system, of that process and its children) and peak memory (the process's
maximum resident set, from GNU ``time``, ``apt-get install time``).  The machine's load average is printed before and after:
on a shared machine wall seconds include waiting for a core, so compare CPU seconds there.

    python benchmarks/run.py            # the README table (minutes; 100,000 entries included)
    python benchmarks/run.py --quick    # 1,000 and 5,000 entries, 500-entry pages
    python benchmarks/run.py --scale    # also 200,000 entries in every direction, once (issue 10)
    python benchmarks/run.py --only startup   # start-up beside the interpreter's own floor
    python benchmarks/run.py --only scale     # the 200,000-entry rows and a 100,000-entry page
    python benchmarks/run.py --breakdown  # where pubconv's time goes, in one process

Inputs are made by ``generate.py`` from the corpus in ``../shared/corpus`` (real plume-bib
entries, repeated with new keys) into ``--data`` (a temporary folder by default).  The
``--breakdown`` timings are in-process and are never compared with another tool.

pubconv writes with ``--replace``, as pandoc writes: over an output left by the previous round
pubconv would otherwise update that file in place (read it, compare, patch), a different job.
Its modules are compiled to ``.pyc`` before timing, as an installed package's are.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import generate  # noqa: E402

ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
PUBCONV = [sys.executable, "-m", "pubconv"]
BARE_PARSE = (
    "import sys, bibtexparser; lib = bibtexparser.parse_file(sys.argv[1], parse_stack=[]); "
    "print(len(lib.entries))"
)


@dataclasses.dataclass(frozen=True)
class Run:
    """One process: wall and CPU seconds, peak resident memory in MB, and whether it worked."""

    wall: float
    cpu: float
    peak_mb: float
    ok: bool
    timed_out: bool = False


_GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_once(command: Sequence[str], timeout: float | None = None) -> Run:
    """Run ``command`` (output discarded) and measure it alone; killed after ``timeout`` s.

    Peak memory comes from GNU ``time`` (``%M``): a process started straight from this one
    would report this (large) process's size as its own peak, since the kernel keeps the larger
    of the two across ``exec``.  CPU seconds come from ``wait4`` (the process and its children).
    """
    report = None
    if _GNU_TIME is not None:
        handle, report = tempfile.mkstemp(prefix="pubconv-bench-", suffix=".time")
        os.close(handle)
        command = [_GNU_TIME, "-f", "%M", "-o", report, *command]
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
        start_new_session=timeout is not None,
    )
    fired: list[bool] = []

    def kill() -> None:  # the whole group: GNU time and the tool it runs
        fired.append(True)
        os.killpg(process.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill) if timeout is not None else None
    if timer is not None:
        timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if timer is not None:
        timer.cancel()
    timed_out = bool(fired)
    process.returncode = os.waitstatus_to_exitcode(status)
    peak_kb = float(usage.ru_maxrss)
    if report is not None:
        lines = Path(report).read_text(encoding="utf-8").split()
        os.unlink(report)
        peak_kb = float(lines[-1]) if lines and lines[-1].isdigit() else float("nan")
    return Run(wall, usage.ru_utime + usage.ru_stime, peak_kb / 1024, status == 0, timed_out)


@dataclasses.dataclass
class Job:
    """One row: a name and, per tool, the command that does the job (None: the tool cannot)."""

    name: str
    commands: dict[str, list[str] | None]
    runs: list[dict[str, Run]] = dataclasses.field(default_factory=list)
    timeout: float | None = None
    """Seconds after which a run is killed (the 200,000-entry peers)."""
    load: str = ""
    """The 1-minute load average before and after this row was measured."""

    def measure(self, rounds: int) -> None:
        before = os.getloadavg()[0]
        self._measure(rounds)
        self.load = f"{before:.2f}-{os.getloadavg()[0]:.2f}"

    def _measure(self, rounds: int) -> None:
        tools = [t for t, c in self.commands.items() if c is not None]
        for i in range(rounds):
            order = tools if i % 2 == 0 else tools[::-1]  # paired, alternating who goes first
            self.runs.append(
                {tool: run_once(self.commands[tool] or [], self.timeout) for tool in order}
            )

    def cell(self, tool: str) -> str:
        if self.commands.get(tool) is None:
            return "—"
        runs = [r[tool] for r in self.runs]
        if any(r.timed_out for r in runs):
            return f"killed after {self.timeout:.0f} s ({sum(r.timed_out for r in runs)}/{len(runs)} runs)"
        if not all(r.ok for r in runs):
            return f"failed ({sum(not r.ok for r in runs)}/{len(runs)} runs)"
        wall = statistics.median(r.wall for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        peak = statistics.median(r.peak_mb for r in runs)
        return f"{_seconds(wall)} ({_seconds(cpu)} CPU), {peak:,.0f} MB"

    def ratio(self, tool: str, peer: str) -> str:
        if self.commands.get(tool) is None or self.commands.get(peer) is None:
            return ""
        ours = [r[tool] for r in self.runs]
        theirs = [r[peer] for r in self.runs]
        if not all(r.ok for r in (*ours, *theirs)):
            return ""
        wall = statistics.median(r.wall for r in ours) / statistics.median(r.wall for r in theirs)
        cpu = statistics.median(r.cpu for r in ours) / statistics.median(r.cpu for r in theirs)
        return f"{wall:.2f} wall / {cpu:.2f} CPU"


def _seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 1 else f"{value:.2f} s"


def _have(program: str) -> bool:
    return shutil.which(program) is not None


def _pandoc(*args: str) -> list[str] | None:
    return ["pandoc", *args] if _have("pandoc") else None


def _page(count: int, folder: Path) -> Path:
    """A ``count``-entry Jekyll page made from the seed lab's entries (keys renumbered)."""
    path = folder / f"page-{count}.md"
    if path.exists():
        return path
    import pubconv

    pages = sorted((generate.CORPUS / "jekyll-seedlab").glob("*.md"))
    pubs = [p for page in pages for p in pubconv.load(str(page), "jekyll", strict=False)]
    if not pubs:
        raise RuntimeError("no seed-lab pages in the corpus")
    many = [
        dataclasses.replace(pubs[i % len(pubs)], key=f"{pubs[i % len(pubs)].key}x{i}", origin=None)
        for i in range(count)
    ]
    path.write_text(pubconv.dumps(pubconv.Bibliography.of(many), "jekyll"), encoding="utf-8")
    return path


def _csl(bib: Path, folder: Path) -> Path:
    """The CSL-JSON of ``bib`` as pandoc writes it (pubconv's when pandoc is missing)."""
    path = folder / (bib.stem + ".json")
    if not path.exists():
        command = _pandoc("-f", "bibtex", "-t", "csljson", str(bib), "-o", str(path))
        if command is None:
            command = [*PUBCONV, "convert", str(bib), "--to", "csljson", "-o", str(path)]
        subprocess.run(command, check=True, env=ENV, capture_output=True)
    return path


def jobs(sizes: Sequence[int], pages: Sequence[int], data: Path) -> list[Job]:
    """The rows of the table, inputs made on the way."""
    out = data / "out"
    out.mkdir(exist_ok=True)
    rows: list[Job] = []
    for count in sizes:
        bib = generate.bib_file(count, data)
        rows.append(
            Job(
                f"bib -> CSL-JSON, {count:,} entries ({bib.stat().st_size / 1e6:.1f} MB)",
                {
                    "pubconv": [
                        *PUBCONV,
                        "convert",
                        str(bib),
                        "--to",
                        "csl",
                        "-o",
                        str(out / "p.json"),
                        "--replace",
                    ],
                    "pandoc": _pandoc(
                        "-f", "bibtex", "-t", "csljson", str(bib), "-o", str(out / "d.json")
                    ),
                    "bibtexparser": [sys.executable, "-c", BARE_PARSE, str(bib)],
                },
            )
        )
    middle = generate.bib_file(5000, data)
    csl = _csl(middle, data)
    rows.append(
        Job(
            "CSL-JSON -> bib, 5,000 entries",
            {
                "pubconv": [
                    *PUBCONV,
                    "convert",
                    str(csl),
                    "--to",
                    "bib",
                    "-o",
                    str(out / "p.bib"),
                    "--replace",
                ],
                "pandoc": _pandoc(
                    "-f", "csljson", "-t", "bibtex", str(csl), "-o", str(out / "d.bib")
                ),
                "bibtexparser": None,
            },
        )
    )
    rows.append(
        Job(
            "bib -> bib, 5,000 entries",
            {
                "pubconv": [
                    *PUBCONV,
                    "convert",
                    str(middle),
                    "--to",
                    "bib",
                    "-o",
                    str(out / "p.bib"),
                    "--replace",
                ],
                "pandoc": _pandoc(
                    "-f", "bibtex", "-t", "bibtex", str(middle), "-o", str(out / "d.bib")
                ),
                "bibtexparser": None,
            },
        )
    )
    for count in pages:
        page = _page(count, data)
        rows.append(
            Job(
                f"md2bib, {count:,}-entry page ({page.stat().st_size / 1e6:.1f} MB)",
                {
                    "pubconv": [
                        *PUBCONV,
                        "md2bib",
                        str(page),
                        "-o",
                        str(out / "m.bib"),
                        "--replace",
                    ],
                    "pandoc": None,
                },
            )
        )
        bib = generate.bib_file(count, data)
        rows.append(
            Job(
                f"bib2md, {count:,} entries",
                {
                    "pubconv": [*PUBCONV, "bib2md", str(bib), "-o", str(out / "m.md"), "--replace"],
                    "pandoc": None,
                },
            )
        )
    rows.extend(startup_jobs())
    return rows


SCALE = 200_000
PEER_TIMEOUT = 15 * 60.0
"""The 200,000-entry peers may take many minutes and gigabytes: killed after this."""
PEER_HEAP = "12g"
"""pandoc's heap limit at 200,000 entries (GHC's ``-M``): on a shared machine with no swap,
pandoc stops with "heap overflow" there instead of taking every process's memory."""


def scale_jobs(data: Path, page: int = 100_000) -> list[Job]:
    """Issue 10's scale rows, one run each: 200,000 entries in every direction pubconv streams
    (pandoc beside it once, for BibTeX -> CSL-JSON, killed after :data:`PEER_TIMEOUT`), and
    md2bib on a ``page``-entry page."""
    out = data / "out"
    out.mkdir(exist_ok=True)
    bib = generate.bib_file(SCALE, data)
    csl = data / f"entries-{SCALE}.json"
    if not csl.exists():  # pubconv's own CSL-JSON (pandoc takes minutes for this file)
        command = [*PUBCONV, "convert", str(bib), "--to", "csljson", "-o", str(csl)]
        subprocess.run(command, check=True, env=ENV, capture_output=True)
    mb = f"{bib.stat().st_size / 1e6:.0f} MB .bib, {csl.stat().st_size / 1e6:.0f} MB .json"
    rows = [
        Job(
            f"bib -> CSL-JSON, {SCALE:,} entries ({mb})",
            {
                "pubconv": [
                    *PUBCONV,
                    "convert",
                    str(bib),
                    "--to",
                    "csl",
                    "-o",
                    str(out / "p.json"),
                    "--replace",
                ],
                "pandoc": _pandoc(
                    *("+RTS", f"-M{PEER_HEAP}", "-RTS"),
                    *("-f", "bibtex", "-t", "csljson", str(bib), "-o", str(out / "d.json")),
                ),
                "bibtexparser": [sys.executable, "-c", BARE_PARSE, str(bib)],
            },
            timeout=PEER_TIMEOUT,
        )
    ]
    for name, source, target, suffix in (
        ("CSL-JSON -> bib", csl, "bib", "bib"),
        ("bib -> bib", bib, "bib", "bib"),
        ("CSL-JSON -> CSL-JSON", csl, "csl", "json"),
    ):
        output = str(out / f"p.{suffix}")
        command = [*PUBCONV, "convert", str(source), "--to", target, "-o", output, "--replace"]
        rows.append(Job(f"{name}, {SCALE:,} entries", {"pubconv": command}, timeout=PEER_TIMEOUT))
    path = _page(page, data)
    rows.append(
        Job(
            f"md2bib, {page:,}-entry page ({path.stat().st_size / 1e6:.0f} MB)",
            {"pubconv": [*PUBCONV, "md2bib", str(path), "-o", str(out / "m.bib"), "--replace"]},
            timeout=PEER_TIMEOUT,
        )
    )
    return rows


def startup_jobs() -> list[Job]:
    """Start-up: pubconv's cheapest runs (``python -m pubconv --version``, the installed
    ``pubconv`` script, ``import pubconv``) beside the interpreter's own floor (``python -c
    pass``, and ``-S -I``: no site packages, no environment) and pandoc's."""
    python = sys.executable
    script = Path(python).with_name("pubconv")  # the console script pip installed
    rows = [
        Job(
            "startup: pubconv --version / pandoc --version",
            {"pubconv": [*PUBCONV, "--version"], "pandoc": _pandoc("--version")},
        ),
        Job("startup: import pubconv", {"pubconv": [python, "-c", "import pubconv"]}),
        Job("startup: python -c pass (the floor)", {"python": [python, "-c", "pass"]}),
        Job(
            "startup: python -S -I -c pass (no site, no env)",
            {"python": [python, "-S", "-I", "-c", "pass"]},
        ),
    ]
    if script.is_file():
        rows.insert(
            1, Job("startup: the pubconv script --version", {"pubconv": [str(script), "--version"]})
        )
    return rows


def startup_note(rows: Sequence[Job]) -> str:
    """The environment start-up depends on, and pubconv's share beside the floor (both shown,
    nothing subtracted in the table)."""
    by_name = {row.name: row for row in rows}

    def median(name: str, tool: str, what: str) -> float | None:
        row = by_name.get(name)
        if row is None or not row.runs or not all(r[tool].ok for r in row.runs):
            return None
        return statistics.median(getattr(r[tool], what) for r in row.runs)

    lines = ["start-up environment:"]
    lines.append(
        "  PYTHONDONTWRITEBYTECODE="
        + (os.environ.get("PYTHONDONTWRITEBYTECODE") or "(unset)")
        + f"; bytecode writing {'off' if sys.dont_write_bytecode else 'on'}"
    )
    compiled = sorted((ROOT / "src" / "pubconv").glob("**/__pycache__/*.pyc"))
    lines.append(
        f"  pubconv's own .pyc files: {len(compiled)} under src/pubconv (compiled before timing)"
    )
    import site

    pth = sorted(
        p.name for d in site.getsitepackages() for p in Path(d).glob("*.pth") if p.is_file()
    )
    lines.append(f"  site .pth files (run at every start): {', '.join(pth) or 'none'}")
    for what in ("wall", "cpu"):
        version = median("startup: pubconv --version / pandoc --version", "pubconv", what)
        floor = median("startup: python -c pass (the floor)", "python", what)
        bare = median("startup: python -S -I -c pass (no site, no env)", "python", what)
        if version is None or floor is None:
            continue
        lines.append(
            f"  {what}: pubconv --version {version * 1000:.0f} ms; python -c pass "
            f"{floor * 1000:.0f} ms; difference (pubconv's own share) "
            f"{(version - floor) * 1000:.0f} ms"
            + (f"; python -S -I -c pass {bare * 1000:.0f} ms" if bare is not None else "")
        )
    return "\n".join(lines)


def table(rows: Sequence[Job]) -> str:
    """The Markdown table: one column per tool, and pubconv's time as a share of pandoc's."""
    tools = ["pubconv", "pandoc", "bibtexparser", "python"]
    used = [t for t in tools if any(r.commands.get(t) is not None for r in rows)]
    lines = [
        "| job | " + " | ".join(used) + " | pubconv / pandoc | load (1 min) |",
        "|---|" + "---|" * (len(used) + 2),
    ]
    for row in rows:
        cells = [row.cell(t) for t in used]
        lines.append(
            f"| {row.name} | "
            + " | ".join(cells)
            + f" | {row.ratio('pubconv', 'pandoc')} | {row.load} |"
        )
    return "\n".join(lines)


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 min) on {os.cpu_count()} CPUs"


def breakdown(count: int, data: Path) -> None:
    """Where pubconv's time goes in one process (no peer: in-process figures are not compared)."""
    start = time.perf_counter()
    import pubconv
    from pubconv.formats.bibtex import scanner
    from pubconv.formats.bibtex.reader import read as read_bib
    from pubconv.formats.csljson.writer import write as write_csl
    from pubconv.registry import Source, WriteOptions

    steps: list[tuple[str, Callable[[], object]]] = []
    imported = time.perf_counter() - start
    bib_path = generate.bib_file(count, data)
    text = bib_path.read_text(encoding="utf-8")
    holder: dict[str, object] = {}
    steps.append(("scan blocks", lambda: list(scanner.scan(text))))
    steps.append(
        (
            "read (scan + values + mapping)",
            lambda: holder.setdefault("bib", read_bib([Source(text)])),
        )
    )
    steps.append(("write CSL-JSON", lambda: write_csl(holder["bib"], WriteOptions())))  # type: ignore[arg-type]
    print(f"in-process breakdown, {count:,} entries ({pubconv.__version__}):")
    print(f"  {'imports':<32} {imported:8.3f} s")
    for name, step in steps:
        began = time.process_time()
        step()
        print(f"  {name:<32} {time.process_time() - began:8.3f} s CPU")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000/5,000 entries, 500-entry pages")
    parser.add_argument("--scale", action="store_true", help="add 200,000 entries (one run each)")
    parser.add_argument("--runs", type=int, default=5, help="rounds per job (median reported)")
    parser.add_argument("--data", type=Path, help="folder for generated inputs (kept)")
    parser.add_argument("--only", choices=["startup", "scale"], help="only these rows")
    parser.add_argument("--breakdown", type=int, nargs="?", const=5000, metavar="N",
                        help="in-process breakdown of an N-entry conversion instead")  # fmt: skip
    args = parser.parse_args(argv)
    if not generate.PLUME.is_dir():
        print(f"corpus not found at {generate.CORPUS}", file=sys.stderr)
        return 1
    data = args.data or Path(tempfile.mkdtemp(prefix="pubconv-bench-"))
    data.mkdir(parents=True, exist_ok=True)
    if args.breakdown:
        breakdown(args.breakdown, data)
        return 0
    sizes = (1000, 5000) if args.quick else (1000, 5000, 20000, 100000)
    pages = (500,) if args.quick else (500, 5000)
    # an installed package has its .pyc files; with bytecode writing off (as in some sandboxes)
    # stale ones would make every timed run compile the changed modules again
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    print("pubconv's modules compiled to .pyc first (python -m compileall src), as installed")
    print(f"load average before: {_load()}")
    print("(other processes may share this machine: wall seconds include waiting for a core)")
    if _have("pandoc"):
        version = subprocess.run(["pandoc", "--version"], capture_output=True, text=True)
        print(f"peer: {version.stdout.splitlines()[0]}")
    print(f"python {sys.version.split()[0]}; inputs in {data}", flush=True)
    if args.only == "startup":
        rows = startup_jobs()
    elif args.only == "scale":
        rows = []
    else:
        rows = jobs(sizes, pages, data)
    for row in rows:
        row.measure(args.runs)
        print(f"  measured: {row.name}", file=sys.stderr, flush=True)
    if args.scale or args.only == "scale":
        for row in scale_jobs(data):
            row.measure(1)
            print(f"  measured: {row.name}", file=sys.stderr, flush=True)
            rows.append(row)
    print(f"load average after: {_load()}")
    rounds = "one run each" if args.only == "scale" else f"median of {args.runs} paired runs"
    print(f"{rounds}{' (scale rows: one run)' if args.scale else ''}: wall (CPU), peak memory\n")
    print(table(rows))
    if any(row.name.startswith("startup") for row in rows):
        print()
        print(startup_note(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
