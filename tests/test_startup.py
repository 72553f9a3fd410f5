"""Startup stays cheap: what a fresh interpreter has imported after ``import pubconv``, after the
CLI's ``--version`` path and after a BibTeX -> CSL-JSON conversion (the import graph, not a
time: timings live in ``benchmarks/run.py``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Modules no command should pay for unless it uses them.
HEAVY = ("bs4", "lxml", "citeproc", "soupsieve", "html5lib", "pubconv.citation", "pubconv.cv")
#: Format code: loaded only when the registry first reads or writes that format.
FORMAT_CODE = (
    "bibtexparser",
    "pylatexenc",
    "yaml",
    "pubconv.formats.bibtex.",
    "pubconv.formats.csljson.",
    "pubconv.formats.jekyll.",
)


def _modules_after(code: str) -> list[str]:
    """Module names loaded by a fresh interpreter running ``code`` (which must not print)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    script = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    return list(json.loads(done.stdout.splitlines()[-1]))


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    """The modules that are one of ``names`` or inside one (a name ending in ``.``: inside only)."""

    def matches(module: str, name: str) -> bool:
        if name.endswith("."):
            return module.startswith(name)
        return module == name or module.startswith(name + ".")

    return [m for m in modules if any(matches(m, name) for name in names)]


def test_import_pubconv_loads_no_format_or_heavy_module() -> None:
    modules = _modules_after("import pubconv")
    assert "pubconv" in modules
    assert _loaded(modules, HEAVY + FORMAT_CODE) == []


def test_cli_version_loads_no_format_or_heavy_module() -> None:
    code = (
        "import contextlib, io\nfrom pubconv.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    assert main(['--version']) == 0\n"
        "assert 'pubconv' in out.getvalue()"
    )
    modules = _modules_after(code)
    assert "pubconv.cli" in modules
    assert _loaded(modules, HEAVY + FORMAT_CODE) == []


def test_bibtex_to_csljson_loads_only_those_formats() -> None:
    code = (
        "import pubconv\n"
        "bib = pubconv.loads('@article{k, title={A}, year=2024}', 'bib')\n"
        "assert '\"id\": \"k\"' in pubconv.dumps(bib, 'csljson')"
    )
    modules = _modules_after(code)
    assert "pubconv.formats.bibtex.reader" in modules
    assert "pubconv.formats.csljson.writer" in modules
    assert _loaded(modules, (*HEAVY, "pubconv.formats.jekyll.")) == []


def test_sniffing_loads_no_reader() -> None:
    code = (
        "from pubconv.formats import REGISTRY\n"
        "assert REGISTRY.for_path(None, '[{\"id\": \"k\"}]').name == 'csljson'"
    )
    modules = _modules_after(code)
    assert _loaded(modules, HEAVY + FORMAT_CODE) == []
