"""Worker folders a ``kill -9`` of briefgen leaves in TMPDIR are removed by the next
briefgen (issue 23.14): its workers die with it, but none is left to delete the folders.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from briefgen import workers
from tests.conftest import SMALL_BRIEF
from tests.processes import briefgen, read, scaled_brief, session_processes, wait_until


def _dead_pid() -> int:
    """The id of a process that has ended (reuse within the test is all but impossible)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    return int(done.stdout)


def test_stale_folders_are_removed_and_live_ones_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(workers, "_swept", False)
    dead, alive = _dead_pid(), os.getpid()
    for name in (f"briefgen-worker-{dead}-abc", f"briefgen-worker-{alive}-def"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "font.otf").write_bytes(b"x")
    old, recent = tmp_path / "briefgen-worker-old_1", tmp_path / "briefgen-worker-new_2"
    old.mkdir()
    recent.mkdir()
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine", encoding="utf-8")
    (tmp_path / f"briefgen-worker-{dead}-lnk").symlink_to(outside, target_is_directory=True)
    (tmp_path / "other-folder").mkdir()

    workers._remove_stale_folders()

    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [
            f"briefgen-worker-{alive}-def",
            "briefgen-worker-new_2",
            f"briefgen-worker-{dead}-lnk",
            "elsewhere",
            "other-folder",
        ]
    )
    assert (outside / "keep.txt").exists()


def test_the_folders_of_a_killed_briefgen_go_with_the_next_run(tmp_path: Path) -> None:
    brief = scaled_brief(tmp_path / "slow.yaml", 20)
    folders = tmp_path / "tmp"
    with briefgen(["render", str(brief), "-f", "pdf"], tmp_path) as process:
        assert wait_until(lambda: any(folders.glob("briefgen-worker-*")), 60), read(tmp_path)
        time.sleep(0.5)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert wait_until(lambda: not session_processes(process.pid), 10), "a worker survived"
    left = sorted(path.name for path in folders.glob("briefgen-worker-*"))
    assert left and all(name.startswith(f"briefgen-worker-{process.pid}-") for name in left)

    (tmp_path / "small.yaml").write_text(SMALL_BRIEF, encoding="utf-8")
    with briefgen(["render", "small.yaml", "-f", "md"], tmp_path, log=tmp_path / "next") as run:
        assert run.wait(timeout=120) == 0, read(tmp_path, log="next")
    assert not any(folders.glob("briefgen-worker-*"))
