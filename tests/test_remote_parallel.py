"""A brief's remote images (issue 23.12): fetched side by side, all within one deadline,
so N slow images no longer cost N times the time limit.

Asserted on what the server saw (requests in flight together, requests never made), not
on durations.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest

from briefgen.api import LoadOptions, load_brief
from briefgen.errors import BriefError
from briefgen.loading import remote
from tests.conftest import BASE_BRIEF, PNG
from tests.local_server import serving

OPTIONS = LoadOptions(allow_remote_images=True, allow_private_addresses=True)


class Handler(BaseHTTPRequestHandler):
    """``/together/*``: answers once ``expected`` requests are in flight together (or after
    a few seconds); ``/late/*``: answers only when the test releases it."""

    lock = threading.Condition()
    in_flight: ClassVar[int] = 0
    most_in_flight: ClassVar[int] = 0
    expected: ClassVar[int] = 0
    started: ClassVar[list[str]] = []
    release = threading.Event()

    def do_GET(self) -> None:
        with Handler.lock:
            Handler.started.append(self.path)
            Handler.in_flight += 1
            Handler.most_in_flight = max(Handler.most_in_flight, Handler.in_flight)
            Handler.lock.notify_all()
            if self.path.startswith("/together/"):
                Handler.lock.wait_for(lambda: Handler.in_flight >= Handler.expected, timeout=3)
        if self.path.startswith("/late/"):
            Handler.release.wait(timeout=10)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.send_response(200)
            self.send_header("Content-Length", str(len(PNG)))
            self.end_headers()
            self.wfile.write(PNG)
        with Handler.lock:
            Handler.in_flight -= 1

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Handler.in_flight = Handler.most_in_flight = Handler.expected = 0
    Handler.started = []
    Handler.release.clear()
    with serving(Handler) as address:
        try:
            yield address
        finally:
            Handler.release.set()  # no request left waiting when the server stops


def _brief(folder: Path, urls: list[str]) -> Path:
    figures = "".join(f"  - kind: figure\n    image: '{url}'\n    alt: A chart\n" for url in urls)
    brief = folder / "b.yaml"
    brief.write_text(
        BASE_BRIEF + figures,
        encoding="utf-8",
    )
    return brief


def test_a_briefs_images_are_fetched_side_by_side(tmp_path: Path, server: str) -> None:
    urls = [f"{server}/together/{index}.png" for index in range(4)]
    Handler.expected = len(urls)
    loaded = load_brief(_brief(tmp_path, urls), OPTIONS)
    assert sorted(loaded.resources.images) == sorted(urls)
    assert Handler.most_in_flight == len(urls)  # one after another, it would be 1


def test_the_parallel_downloads_are_bounded(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server holds every request open: with a bound of 2, a third is never asked for
    while two are held (without the bound, all five are). Counted before the release, when
    a finished download can no longer overlap the next one's start."""
    monkeypatch.setattr(remote, "MAX_PARALLEL_DOWNLOADS", 2)
    urls = [f"{server}/late/{index}.png" for index in range(5)]
    brief = _brief(tmp_path, urls)
    failures: list[BaseException] = []

    def load() -> None:
        try:
            load_brief(brief, OPTIONS)
        except BaseException as error:  # reported by the test below
            failures.append(error)

    loading = threading.Thread(target=load, daemon=True)
    loading.start()
    with Handler.lock:
        assert Handler.lock.wait_for(lambda: Handler.in_flight >= 2, timeout=20)
        # Room for a third request, were the bound not kept; it would only be late, so a
        # slow machine can hide a broken bound here but never fail a kept one.
        Handler.lock.wait_for(lambda: Handler.in_flight > 2, timeout=1.5)
        held_together = Handler.most_in_flight
    Handler.release.set()
    loading.join(timeout=30)
    assert held_together == 2
    assert not failures
    assert sorted(Handler.started) == sorted(url.removeprefix(server) for url in urls)


def test_one_deadline_for_all_of_a_briefs_downloads(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One download at a time, and the first holds the deadline: the others are never
    requested, and fail as slow. With a deadline per image, each would be requested."""
    monkeypatch.setattr(remote, "MAX_PARALLEL_DOWNLOADS", 1)
    monkeypatch.setattr(remote, "TIMEOUT_SECONDS", 0.5)
    urls = [f"{server}/late/{index}.png" for index in range(3)]
    with pytest.raises(BriefError) as caught:
        load_brief(_brief(tmp_path, urls), OPTIONS)
    problems = caught.value.problems
    assert len(problems) == 3
    assert all("the download did not finish within 0.5 s" in p.message for p in problems)
    assert Handler.started == ["/late/0.png"]
