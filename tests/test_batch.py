"""Batch rendering: many files, folders and globs in one run, one bad brief among good ones."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from briefgen.batch import RenderRequest, expand_paths, render_many
from briefgen.errors import BriefError
from tests.cli_runner import invoke
from tests.conftest import SMALL_BRIEF


def _brief(path: Path, title: str = "Clean Water Programme") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SMALL_BRIEF.replace("Clean Water Programme", title), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")


def _render(*args: str) -> tuple[int, str, str]:
    result = invoke("render", *args)
    return result.exit_code, result.stdout, result.stderr


def test_several_files_in_parallel() -> None:
    for name in ("one", "two", "three"):
        _brief(Path(f"briefs/{name}.yaml"), title=f"Programme {name}")
    code, out, err = _render(
        "briefs/one.yaml",
        "briefs/two.yaml",
        "briefs/three.yaml",
        "-f",
        "md",
        "-f",
        "html",
        "-j",
        "2",
    )
    assert code == 0, err
    assert "rendered 3 of 3 briefs (6 files in out)" in out
    for name in ("one", "two", "three"):
        assert f"Programme {name}" in Path(f"out/{name}.md").read_text(encoding="utf-8")
        assert f"Programme {name}" in Path(f"out/{name}.html").read_text(encoding="utf-8")


def test_folder_renders_its_yaml_and_yml_files_only() -> None:
    _brief(Path("briefs/a.yaml"))
    _brief(Path("briefs/b.yml"))
    Path("briefs/notes.txt").write_text("not a brief", encoding="utf-8")
    _brief(Path("briefs/nested/c.yaml"))  # folders are not searched recursively
    code, _out, err = _render("briefs", "-f", "md", "-j", "1")
    assert code == 0, err
    assert sorted(p.name for p in Path("out").iterdir()) == ["a.md", "b.md"]
    assert expand_paths(["briefs"]) == [Path("briefs/a.yaml"), Path("briefs/b.yml")]


def test_quoted_glob_is_expanded_by_briefgen() -> None:
    for name in ("x1", "x2", "y1"):
        _brief(Path(f"briefs/{name}.yaml"))
    code, _out, err = _render("briefs/x*.yaml", "-f", "md")
    assert code == 0, err
    assert sorted(p.name for p in Path("out").iterdir()) == ["x1.md", "x2.md"]
    code, _, err = _render("nowhere/*.yaml", "-f", "md")
    assert code == 1
    assert "no file matches the pattern 'nowhere/*.yaml'" in err


def test_a_recursive_glob_does_not_follow_links_round_in_circles() -> None:
    """'briefs/**/*.yaml' in a repository with a link to a parent folder (docs/up -> ..)
    went round the loop, each link doubling the paths, until the job was killed."""
    import threading

    _brief(Path("briefs/a.yaml"))
    _brief(Path("briefs/nested/b.yaml"))
    _brief(Path("briefs/.hidden/c.yaml"))  # hidden, as a shell's ** leaves it out
    for name in ("up", "up2", "up3"):
        Path("briefs/nested", name).symlink_to("..", target_is_directory=True)
    found: list[list[Path]] = []
    expanding = threading.Thread(
        target=lambda: found.append(expand_paths(["briefs/**/*.yaml"])), daemon=True
    )
    expanding.start()
    expanding.join(timeout=20)
    assert not expanding.is_alive(), "the glob went round the links"
    assert found == [[Path("briefs/a.yaml"), Path("briefs/nested/b.yaml")]]


def test_one_broken_brief_does_not_stop_the_others() -> None:
    _brief(Path("briefs/a.yaml"))
    Path("briefs/b.yaml").write_text("language: en\ntitle: [\n", encoding="utf-8")
    _brief(Path("briefs/c.yaml"))
    code, out, err = _render("briefs", "-f", "md", "-f", "html", "-j", "2")
    assert code == 1
    assert sorted(p.name for p in Path("out").iterdir()) == ["a.html", "a.md", "c.html", "c.md"]
    assert re.search(r"^briefs/b\.yaml:\d+:\d+: YAML syntax error", err, re.MULTILINE)
    assert "Traceback" not in err
    assert "rendered 2 of 3 briefs (4 files in out)" in out
    assert "1 failed" in out


def test_same_stem_is_refused_before_rendering() -> None:
    _brief(Path("one/brief.yaml"))
    _brief(Path("two/brief.yaml"))
    code, _out, err = _render("one/brief.yaml", "two/brief.yaml", "-f", "md")
    assert code == 1
    assert "two/brief.yaml: has the same name as one/brief.yaml: both would write" in err
    assert not Path("out").exists() or not any(Path("out").iterdir())


def test_same_file_twice_is_rendered_once() -> None:
    _brief(Path("briefs/a.yaml"))
    assert expand_paths(["briefs/a.yaml", "briefs", "briefs/*.yaml"]) == [Path("briefs/a.yaml")]


def test_empty_folder_is_a_user_error() -> None:
    Path("empty").mkdir()
    with pytest.raises(BriefError, match=r"contains no \.yaml or \.yml briefs"):
        expand_paths(["empty"])


def test_single_brief_keeps_its_file_lines() -> None:
    _brief(Path("a.yaml"))
    code, out, err = _render("a.yaml", "-f", "md")
    assert code == 0, err
    assert out.startswith("wrote out/a.md (")
    assert "rendered" not in out


def test_small_pdf_batch_in_worker_processes(tmp_path: Path) -> None:
    paths = [_brief(Path(f"briefs/{name}.yaml")) for name in ("p", "q")]
    batch = render_many(paths, RenderRequest(["pdf"], tmp_path / "pdf", jobs=2))
    assert not batch.failed
    assert [outcome.path for outcome in batch.outcomes] == paths
    for name in ("p", "q"):
        with pikepdf.open(tmp_path / "pdf" / f"{name}.pdf") as pdf:
            assert len(pdf.pages) == 1


def test_pdf_workers_leave_no_temporary_font_folders(tmp_path: Path) -> None:
    """WeasyPrint copies @font-face files to a temp folder it deletes on garbage collection,
    which pool workers skip when they exit: each worker must clean up after every brief."""
    for name in ("p", "q", "r"):
        _brief(Path(f"briefs/{name}.yaml"))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {**os.environ, "TMPDIR": str(temporary)}
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", "render", "briefs", "-f", "pdf", "-j", "2", "-q"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(Path("out").glob("*.pdf")) == [Path(f"out/{n}.pdf") for n in ("p", "q", "r")]
    assert list(temporary.iterdir()) == []
