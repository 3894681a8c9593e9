"""briefgen on the web: the live preview and the site of briefs, in a real Chromium."""

from __future__ import annotations

import html
import http.client
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

import pytest

from briefgen.web.preview import PreviewServer, StateBoard
from briefgen.web.site import build_site
from tests.conftest import ROOT, SMALL_BRIEF
from tests.live_browser import axe_violations, chromium

# ---------------------------------------------------------------------------------------
# The preview server: this machine only, its own files only


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PreviewServer]:
    import threading

    workdir = tmp_path / "renders"
    (workdir / "1").mkdir(parents=True)
    (workdir / "1" / "brief-1.png").write_bytes(b"\x89PNG\r\n\x1a\n page")
    (tmp_path / "secret.html").write_text("secret", encoding="utf-8")
    (workdir / "1" / "link.html").symlink_to(tmp_path / "secret.html")
    board = StateBoard()
    board.publish(generation=1, pages=("brief-1.png",))
    preview = PreviewServer(0, board, workdir, "brief.yaml")
    preview.long_poll_seconds = 0.2
    thread = threading.Thread(target=preview.serve_forever, daemon=True)
    thread.start()
    yield preview
    preview.shutdown()
    preview.server_close()


def _get(server: PreviewServer, path: str, host: str | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
    headers = {"Host": host} if host else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def test_preview_listens_on_loopback_only(server: PreviewServer) -> None:
    assert server.server_address[0] == "127.0.0.1"
    assert server.url == f"http://127.0.0.1:{server.server_port}/"


def test_preview_refuses_requests_naming_another_host(server: PreviewServer) -> None:
    # A page on another site that resolves its own name to 127.0.0.1 (DNS rebinding)
    # reaches the server with its own name in Host: refused, whatever it asks for.
    for host in ("evil.example", f"evil.example:{server.server_port}", "127.0.0.1:1"):
        status, body = _get(server, "/files/1/brief-1.png", host=host)
        assert (status, body) == (403, b"briefgen preview answers this machine only\n")
    assert _get(server, "/files/1/brief-1.png")[0] == 200
    port = server.server_port
    assert _get(server, "/files/1/brief-1.png", host=f"localhost:{port}")[0] == 200


@pytest.mark.parametrize(
    "path",
    [
        "/files/1/../../secret.html",
        "/files/1/..%2F..%2Fsecret.html",
        "/files/1/%2e%2e/secret.html",
        "/files/1/%2e%2e%2fsecret.html",
        "/files/1/%ff%fe.png",  # not UTF-8
        "/files/1/brief-1.png%00.html",
        "/../secret.html",
        "/files/../renders/1/brief-1.png",
        "//etc/passwd",
        "/etc/passwd",
        "/files/1//etc/passwd",
        "/files/1/link.html",  # a link inside a render folder to a file outside it
        "/files/2/brief-1.png",  # a render that does not exist
        "/files/1/brief-1.yaml",
        "/preview.py",
        "/__init__.py",
    ],
)
def test_preview_serves_no_file_outside_its_renders(server: PreviewServer, path: str) -> None:
    status, body = _get(server, path)
    assert status == 404, path
    assert b"secret" not in body


def test_preview_state_waits_for_news(server: PreviewServer) -> None:
    import json

    status, body = _get(server, "/state?after=-1")
    state = json.loads(body)
    assert (status, state["generation"], state["pages"]) == (200, 1, ["/files/1/brief-1.png"])
    started = time.perf_counter()
    status, body = _get(server, f"/state?after={state['version']}")
    assert json.loads(body)["version"] == state["version"]  # nothing new: same state
    assert time.perf_counter() - started >= 0.2  # it waited for news before answering


@pytest.mark.parametrize("stem", ["my brief", "résumé", "简报", "a#b?c", "100%", "b\udcff"])
def test_preview_serves_the_pages_of_a_brief_whatever_its_file_name(
    tmp_path: Path, stem: str
) -> None:
    """The page images and web page are named after the brief's file: a name with a space
    or a letter outside ASCII must still be served at the address /state gives."""
    import json
    import threading

    workdir = tmp_path / "renders"
    (workdir / "1").mkdir(parents=True)
    (workdir / "1" / f"{stem}-1.png").write_bytes(b"\x89PNG\r\n\x1a\n page")
    (workdir / "1" / f"{stem}.html").write_text("<p>web</p>", encoding="utf-8")
    board = StateBoard()
    board.publish(generation=1, pages=(f"{stem}-1.png",), web_page=f"{stem}.html")
    preview = PreviewServer(0, board, workdir, f"{stem}.yaml")
    threading.Thread(target=preview.serve_forever, daemon=True).start()
    try:
        state = json.loads(_get(preview, "/state?after=-1")[1])
        assert _get(preview, state["pages"][0]) == (200, b"\x89PNG\r\n\x1a\n page")
        assert _get(preview, state["web_page"]) == (200, b"<p>web</p>")
    finally:
        preview.shutdown()
        preview.server_close()


# ---------------------------------------------------------------------------------------
# The preview in a browser: pages, reload on save, errors kept beside the last good pages


def _ctrl_c_by_default() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_preview(brief: Path) -> tuple[subprocess.Popen[str], str]:
    environment = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "preview", str(brief), "--no-open", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
        start_new_session=False,
        # pytest-xdist's workers ignore SIGINT, and a process started with it ignored keeps
        # ignoring it: the preview would never see the test's Ctrl+C.
        preexec_fn=_ctrl_c_by_default,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if not found:
        process.kill()
        _, error = process.communicate()
        raise AssertionError(line + error)
    return process, found.group(0)


def test_preview_shows_the_pages_and_follows_each_save(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(SMALL_BRIEF, encoding="utf-8")
    process, url = _start_preview(brief)
    try:
        with chromium() as browser:
            # The page's policy forbids eval, which Playwright's waiting functions use.
            page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
            page.goto(url)
            page.wait_for_function(
                "document.querySelectorAll('#pages img').length > 0", timeout=120_000
            )
            frame = page.frame_locator("#web")
            # The frame loads its page after the generation changes: wait for its text.
            frame.locator("h1", has_text="Clean Water Programme").wait_for(timeout=30_000)
            first = page.evaluate("document.body.dataset.generation")
            page_images = page.eval_on_selector_all(
                "#pages img", "images => images.map(i => i.naturalWidth)"
            )
            assert page_images and all(width == 794 for width in page_images)  # A4 at 96 dpi

            brief.write_text(
                SMALL_BRIEF.replace("Clean Water Programme", "Safe Water Programme"),
                encoding="utf-8",
            )
            page.wait_for_function(
                f"document.body.dataset.generation !== '{first}'", timeout=120_000
            )
            frame.locator("h1", has_text="Safe Water Programme").wait_for(timeout=30_000)
            shown = page.evaluate("document.body.dataset.generation")

            # A broken save: the problem at its line, the last good pages kept on screen.
            brief.write_text(SMALL_BRIEF.replace("  title: Clean", "  titel: Clean"), "utf-8")
            page.wait_for_selector("#problems:not([hidden])", timeout=120_000)
            problems = page.inner_text("#problem-list")
            assert f"{brief}:7:3: " in problems, problems
            assert "unknown key 'titel'" in problems, problems
            assert page.evaluate("document.body.dataset.generation") == shown
            assert page.locator("#pages img").count() > 0
            assert "Safe Water Programme" in frame.locator("h1").inner_text()
            assert "Not rendered" in page.inner_text("#status")
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert process.returncode == -signal.SIGINT, err  # Ctrl+C ends briefgen by SIGINT
    assert "stopped the preview" in out


def test_preview_refuses_a_port_in_use(tmp_path: Path) -> None:
    import socket

    brief = tmp_path / "brief.yaml"
    brief.write_text(SMALL_BRIEF, encoding="utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "briefgen", "preview", str(brief), "--no-open"]
        result = subprocess.run(
            [*command, "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "choose another port with --port, or --port 0 for any free one" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------
# The site: index, filters and search, pages, links, accessibility

_KENYA = SMALL_BRIEF.replace(
    "sections:\n",
    "quick_facts:\n  - label: Countries\n    value: [Kenya, Uganda]\nsections:\n",
)
_PERU = (
    SMALL_BRIEF.replace("date: 2024-03", "date: 2022-11")
    .replace("Clean Water Programme", "Rural Roads Programme")
    .replace("Final evaluation", "Mid-term evaluation")
    .replace("sections:\n", "quick_facts:\n  - label: Countries\n    value: Peru\nsections:\n")
)
_FRENCH = (
    SMALL_BRIEF.replace("language: en", "language: fr")
    .replace("date: 2024-03", "date: 2023-05")
    .replace("Clean Water Programme", "Programme d'eau potable")
    .replace("sections:\n", "quick_facts:\n  - label: Pays\n    value: Sénégal\nsections:\n")
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sources = tmp_path_factory.mktemp("briefs")
    for name, text in {"kenya": _KENYA, "peru": _PERU, "senegal": _FRENCH}.items():
        (sources / f"{name}.yaml").write_text(text, encoding="utf-8")
    output = tmp_path_factory.mktemp("site") / "public"
    result = build_site([sources], output, title="Evaluation briefs", jobs=2)
    assert [entry.slug for entry in result.entries] == ["kenya", "senegal", "peru"]  # newest first
    assert not result.failed
    return output


def test_a_site_is_not_written_over_a_page_briefgen_did_not_write(tmp_path: Path) -> None:
    """``briefgen site briefs -o docs`` in a repository that publishes docs/ replaced the
    repository's own docs/index.html without a word."""
    from briefgen.errors import BriefError

    (tmp_path / "kenya.yaml").write_text(_KENYA, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.html").write_text("<h1>Our handbook</h1>", encoding="utf-8")
    with pytest.raises(BriefError, match=r"index\.html: is a page briefgen did not write"):
        build_site([tmp_path / "kenya.yaml"], docs)
    assert (docs / "index.html").read_text(encoding="utf-8") == "<h1>Our handbook</h1>"
    assert sorted(path.name for path in docs.iterdir()) == ["index.html"]


def _visible_titles(page: object) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined, no-any-return]
        ".card:not([hidden]) h2", "titles => titles.map(t => t.textContent.trim())"
    )


def test_site_index_filters_and_searches_in_the_page(site: Path) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto((site / "index.html").as_uri())
        assert _visible_titles(page) == [
            "Clean Water Programme",
            "Programme d’eau potable",
            "Rural Roads Programme",
        ]
        page.fill("#q", "peru")
        assert _visible_titles(page) == ["Rural Roads Programme"]
        assert page.inner_text("#count") == "1 of 3 briefs"
        page.fill("#q", "senegal")  # accents need not be typed
        assert _visible_titles(page) == ["Programme d’eau potable"]
        page.fill("#q", "")
        page.select_option("#filter-year", "2024")
        assert _visible_titles(page) == ["Clean Water Programme"]
        page.select_option("#filter-year", "")
        page.select_option("#filter-language", "fr")
        assert _visible_titles(page) == ["Programme d’eau potable"]
        page.select_option("#filter-country", "Uganda")
        assert _visible_titles(page) == []
        assert page.is_visible("#no-match")
        page.select_option("#filter-language", "")
        assert _visible_titles(page) == ["Clean Water Programme"]


def test_site_filters_by_keyboard(site: Path) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto((site / "index.html").as_uri())
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "q"
        page.keyboard.type("kenya")
        assert _visible_titles(page) == ["Clean Water Programme"]
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "filter-year"


def _links(page_file: Path) -> list[str]:
    text = page_file.read_text(encoding="utf-8")
    return re.findall(r'(?:href|src)="([^"#]+)"', text)


def test_site_links_resolve_to_written_files(site: Path) -> None:
    pages = [site / "index.html", *sorted((site / "briefs").glob("*/index*.html"))]
    assert len(pages) == 4  # the index and three brief pages
    checked = 0
    for page_file in pages:
        for link in _links(page_file):
            assert not urlsplit(link).scheme, f"{page_file}: {link} leaves the site"
            target = (page_file.parent / unquote(link)).resolve()
            assert target.is_file(), f"{page_file}: {link} is missing"
            assert target.is_relative_to(site.resolve())
            checked += 1
    assert checked == 3 * 6 + 3 * 6  # index: picture, title, 4 downloads; page: back, 4, frame
    kenya = (site / "briefs" / "kenya").iterdir()
    assert {p.name for p in kenya} == {
        "index.html",
        "kenya.pdf",
        "kenya.html",
        "kenya.md",
        "kenya.docx",
        "kenya-thumbnail.png",
    }
    assert (site / ".nojekyll").is_file()


@pytest.mark.parametrize("stem", ["q&a #1", "100% water", "why?", "résumé", "b\udcff"])
def test_site_links_reach_files_whatever_the_brief_is_named(tmp_path: Path, stem: str) -> None:
    """The files of a brief are named after its YAML: a '#', '?' or '%' in that name must
    not turn the rest of a link into a fragment, a query or a broken escape."""
    from briefgen.api import load_brief
    from briefgen.web.site import SiteEntry, _write_pages, describe

    brief = tmp_path / f"{stem}.yaml"
    brief.write_text(SMALL_BRIEF, encoding="utf-8")
    version = describe(load_brief(brief), "slug", "en")
    site = tmp_path / "public"
    (site / "briefs" / "slug").mkdir(parents=True)
    _write_pages(site, [SiteEntry(brief, "slug", (version,))], "Briefs")
    names = {f"{stem}.{extension}" for extension in ("pdf", "html", "md", "docx")}
    for page_file, expected in (
        (site / "index.html", names | {f"{stem}-thumbnail.png"}),
        (site / "briefs" / "slug" / "index.html", names),
    ):
        text = page_file.read_text(encoding="utf-8")
        links = {html.unescape(link) for link in re.findall(r'(?:href|src)="([^"]+)"', text)}
        reached = set()
        for link in links:
            parts = urlsplit(link)
            assert not parts.fragment and not parts.query, f"{page_file}: {link}"
            reached.add(os.fsdecode(unquote_to_bytes(parts.path)).rsplit("/", 1)[-1])
        assert expected <= reached, f"{page_file}: {sorted(links)}"


def test_site_brief_page_shows_the_brief_and_its_downloads(site: Path) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto((site / "briefs" / "senegal" / "index.html").as_uri())
        assert page.get_attribute("html", "lang") == "fr"
        assert page.inner_text("h1") == "Programme d’eau potable"
        frame = page.frame_locator("iframe")
        assert "Programme d’eau potable" in frame.locator("h1").inner_text(timeout=30_000)
        downloads = page.eval_on_selector_all(
            ".downloads a", "links => links.map(a => a.getAttribute('href'))"
        )
        assert downloads == ["senegal.pdf", "senegal.html", "senegal.md", "senegal.docx"]


@pytest.mark.parametrize("width", [390, 1280])
def test_site_pages_pass_axe_at_phone_and_desktop_widths(site: Path, width: int) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 900})
        for page_file in (site / "index.html", site / "briefs" / "senegal" / "index.html"):
            page.goto(page_file.as_uri())
            assert axe_violations(page) == [], page_file
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{page_file} is {scroll} px wide at {width} px"


# ---------------------------------------------------------------------------------------
# The Action's site step (scripts/ci-site.sh)


def test_the_action_writes_the_site_only_when_asked() -> None:
    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["inputs"]["site-dir"]["default"] == ""
    (step,) = [s for s in action["runs"]["steps"] if s.get("name") == "Write the site of briefs"]
    assert step["if"] == "inputs.site-dir != ''"
    assert step["run"] == '"$GITHUB_ACTION_PATH/scripts/ci-site.sh"'
    assert step["env"] == {
        "BRIEFGEN_BRIEFS": "${{ inputs.briefs }}",
        "BRIEFGEN_SITE_DIR": "${{ inputs.site-dir }}",
    }


def test_ci_site_script_writes_the_site_of_a_folder(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    briefgen = venv / "bin" / "briefgen"  # the briefgen ci-render.sh would have installed
    briefgen.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m briefgen "$@"\n')
    briefgen.chmod(0o755)
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "--help.yaml").write_text(_KENYA, encoding="utf-8")
    result = subprocess.run(
        [str(ROOT / "scripts" / "ci-site.sh")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            "BRIEFGEN_VENV": str(venv),
            "BRIEFGEN_BRIEFS": "briefs/--help.yaml",
            "BRIEFGEN_SITE_DIR": "public site",
            "PYTHONPATH": str(ROOT),
        },
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    index = (tmp_path / "public site" / "index.html").read_text(encoding="utf-8")
    assert '<a href="briefs/help/index.html">Clean Water Programme</a>' in index
    assert (tmp_path / "public site" / "briefs" / "help" / "--help.pdf").is_file()


def test_a_site_of_only_broken_briefs_says_so_once(tmp_path: Path) -> None:
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "bad.yaml").write_text(
        SMALL_BRIEF.replace("  title: Clean", "  titel: Clean"), encoding="utf-8"
    )
    site_command = [sys.executable, "-m", "briefgen", "site", str(tmp_path / "briefs")]
    result = subprocess.run(
        [*site_command, "-o", str(tmp_path / "public")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.count("unknown key 'titel'") == 1, result.stderr
    assert "no brief could be rendered, so no site was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "public" / "index.html").exists()
