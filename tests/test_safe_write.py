"""``-o`` behaves as ``cat >`` would, replaces regular files atomically and fails with one line.

The SIGKILL test kills a process that rewrites a large file in a loop: the file is always one
complete version, and the next run removes the temp files the killed runs left.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from pubconv.cli import main
from pubconv.errors import WriteError
from pubconv.safewrite import remove_stale_temps
from pubconv.textio import write_output

SRC = Path(__file__).resolve().parent.parent / "src"
BIB = "@article{k, title={A}, year=2024}\n"


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    path = tmp_path / "in.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".pubconv-"))


def test_dev_null_stays_a_character_device(bib: Path) -> None:
    assert main(["convert", str(bib), "--to", "csljson", "-o", "/dev/null"]) == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dev_full_gives_a_located_one_line_error(
    bib: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    assert main(["convert", str(bib), "--to", "csljson", "-o", "/dev/full"]) == 1
    err = capsys.readouterr().err
    assert err == "pubconv: error: cannot write /dev/full: No space left on device\n"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_dev_stdout_writes_to_standard_output(bib: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-m", "pubconv", "convert", str(bib), "--to", "csl", "-o", "/dev/stdout"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b'"id": "k"' in done.stdout


def test_dev_stdout_appended_to_a_log_keeps_the_log(bib: Path, tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_text("earlier line\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    with log.open("a", encoding="utf-8") as handle:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pubconv",
                "convert",
                str(bib),
                "--to",
                "csl",
                "-o",
                "/dev/stdout",
            ],
            stdout=handle,
            env=env,
            check=False,
        )
    assert done.returncode == 0
    text = log.read_text(encoding="utf-8")
    assert text.startswith("earlier line\n[") and '"id": "k"' in text


def test_fifo_is_written_through(bib: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    assert main(["convert", str(bib), "--to", "csljson", "-o", str(fifo)]) == 0
    reader.join(10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert b'"id": "k"' in got[0]


def test_symlink_target_is_replaced_and_the_link_stays(bib: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real.name)
    # --replace: "old" is not CSL-JSON, so it could not be updated in place
    assert main(["convert", str(bib), "--to", "csljson", "-o", str(link), "--replace"]) == 0
    assert link.is_symlink()
    assert '"id": "k"' in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert _temps(tmp_path) == []


def test_mode_of_a_replaced_file_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o600)
    write_output(str(out), "new\n")
    assert out.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("target", "reason"),
    [("nodir/out.json", "no such folder"), ("adir.json", "is a folder")],
)
def test_unwritable_targets_give_one_line(
    bib: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    target: str,
    reason: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "adir.json").mkdir()
    assert main(["convert", str(bib), "--to", "csljson", "-o", target]) == 1
    assert capsys.readouterr().err == f"pubconv: error: cannot write {target}: {reason}\n"


def test_read_only_folder_and_full_disk_leave_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.json"
    out.write_text("old\n", encoding="utf-8")
    real_write = os.write

    def full(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(WriteError, match=r"cannot write .*out.json: No space left on device"):
        write_output(str(out), "new\n")
    monkeypatch.setattr(os, "write", real_write)

    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(WriteError, match=r"cannot write .*out.json: Permission denied"):
        write_output(str(out), "new\n")
    monkeypatch.undo()
    assert out.read_text(encoding="utf-8") == "old\n"
    assert _temps(tmp_path) == []


def test_empty_output_never_replaces_a_non_empty_file(tmp_path: Path) -> None:
    out = tmp_path / "out.bib"
    out.write_text("@misc{a}\n", encoding="utf-8")
    with pytest.raises(WriteError, match="output is empty"):
        write_output(str(out), "\n")
    assert out.read_text(encoding="utf-8") == "@misc{a}\n"
    write_output(str(out), "", allow_empty=True)
    assert out.read_text(encoding="utf-8") == ""


def test_lone_surrogate_is_a_write_error_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="lone surrogate"):
        write_output(str(tmp_path / "out.txt"), "a\ud800b")


def test_stale_temp_files_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    from pubconv.safewrite import STALE_AFTER, _host_tag

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    host = _host_tag()
    (tmp_path / f".pubconv-{host}-{dead.pid}-abc123.tmp").write_text("x")
    live = tmp_path / f".pubconv-{host}-{os.getppid()}-abc124.tmp"
    live.write_text("x")
    old = tmp_path / ".pubconv-k2j3h4.tmp"
    old.write_text("x")
    aged = time.time() - STALE_AFTER - 10
    os.utime(old, (aged, aged))
    (tmp_path / ".pubconv-notes.txt").write_text("not ours")
    assert sorted(remove_stale_temps(str(tmp_path))) == sorted(
        [f".pubconv-{host}-{dead.pid}-abc123.tmp", ".pubconv-k2j3h4.tmp"]
    )
    assert _temps(tmp_path) == sorted([live.name, ".pubconv-notes.txt"])


_WRITER = textwrap.dedent(
    """
    import sys
    from pubconv.textio import write_output
    path, n = sys.argv[1], 0
    texts = ["A" * 8_000_000 + "\\n", "B" * 12_000_000 + "\\n"]
    print("ready", flush=True)
    while True:
        write_output(path, texts[n % 2])
        n += 1
    """
)


def test_sigkill_loop_leaves_a_whole_file_and_no_temp_files(tmp_path: Path) -> None:
    out = tmp_path / "big.txt"
    old = "old\n" * 1000
    out.write_text(old, encoding="utf-8")
    valid = {old, "A" * 8_000_000 + "\n", "B" * 12_000_000 + "\n"}
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    left = 0  # temp files seen after a kill, summed over the kills
    for round_ in range(40):  # at least 8 kills, and more until one lands inside a write
        if round_ >= 8 and left > 0:
            break
        child = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(out)], stdout=subprocess.PIPE, env=env
        )
        assert child.stdout is not None
        assert child.stdout.readline() == b"ready\n"
        time.sleep(0.02 + 0.03 * (round_ % 8))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        assert out.read_text(encoding="utf-8") in valid
        left += len(_temps(tmp_path))
    write_output(str(out), "final\n")
    assert out.read_text(encoding="utf-8") == "final\n"
    assert _temps(tmp_path) == []
    assert left > 0, "no kill landed inside a write: the test did not test anything"
