"""The opt-ins for images from elsewhere: ``--allow-remote-images`` and ``--allow-outside-files``.

Remote images come from a local HTTP server on 127.0.0.1 (a thread, a free port), never
from any other address, so the tests that download pass ``--allow-private-addresses``.
Every failure must be a located error, never a traceback.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pikepdf
import pytest

from briefgen.api import LoadOptions, load_brief
from briefgen.batch import RenderRequest, render_many
from briefgen.loading import remote
from tests.cli_runner import invoke
from tests.conftest import BASE_BRIEF, PNG
from tests.local_server import serving

HINT = "(check the address, or save the image next to the brief)"
PRIVATE = "--allow-private-addresses"  # the test server is on 127.0.0.1
PUBLIC_ONLY = "briefgen downloads only from public addresses unless given --allow-private-addresses"


class Handler(BaseHTTPRequestHandler):
    """Serves a few fixed answers; counts requests per path."""

    requests: ClassVar[dict[str, int]] = {}
    trickled_to_the_end: ClassVar[threading.Event] = threading.Event()

    def do_GET(self) -> None:
        # The client may stop reading early: that is what the size cap does.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.answer()

    def answer(self) -> None:
        Handler.requests[self.path] = Handler.requests.get(self.path, 0) + 1
        if self.path == "/slow.png":
            time.sleep(1.0)
        if self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/hostname")
            self.end_headers()
            return
        if self.path == "/to-other-host":
            self.send_response(302)
            address = self.server.server_address
            assert isinstance(address, tuple)
            port = address[1]
            self.send_header("Location", f"http://127.0.0.2:{port}/x")
            self.end_headers()
            return
        if self.path in ("/trickle.png", "/trickle-headers.png"):
            self.trickle()
            return
        if self.path == "/to-chart":
            self.send_response(302)
            self.send_header("Location", "/chart.png")
            self.end_headers()
            return
        bodies = {
            "/chart.png": PNG,
            "/slow.png": PNG,
            "/big.png": PNG + b"\0" * 5000,
            "/page.png": b"<html><body>not an image</body></html>",
        }
        if self.path == "/streamed.png":  # no Content-Length: the cap must stop the reading
            self.send_response(200)
            self.end_headers()
            self.wfile.write(PNG + b"\0" * 5000)
            return
        if self.path not in bodies:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(bodies[self.path])))
        self.end_headers()
        self.wfile.write(bodies[self.path])

    def trickle(self) -> None:
        """One byte every 20 ms for 20 s: of the body, or of the headers themselves."""
        head = b"HTTP/1.1 200 OK\r\n"
        if self.path == "/trickle.png":
            self.wfile.write(head + b"Content-Length: 1000\r\n\r\n")
            head = b""
        for byte in (head + b"X-Padding: " + b"a" * 1000)[:1000]:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.02)
        Handler.trickled_to_the_end.set()  # only if the client stayed to the end

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(Handler) as address:
        yield address


def brief_yaml(image: str, logo: str | None = None) -> str:
    theme = f"theme:\n  logo: '{logo}'\n" if logo else ""
    return BASE_BRIEF + f"  - kind: figure\n    image: '{image}'\n    alt: A chart\n{theme}"


def write_brief(folder: Path, image: str, logo: str | None = None, name: str = "b") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    brief = folder / f"{name}.yaml"
    brief.write_text(brief_yaml(image, logo))
    return brief


def run(*args: str) -> tuple[int, str]:
    result = invoke(*args)
    return result.exit_code, result.output


def test_a_url_is_refused_without_the_flag(tmp_path: Path, server: str) -> None:
    brief = write_brief(tmp_path, f"{server}/chart.png")
    code, output = run("validate", str(brief))
    assert code == 1
    assert f"b.yaml:11:12: sections[1].image: '{server}/chart.png' is a URL" in output
    assert "--allow-remote-images" in output


def test_a_remote_png_is_downloaded_once_and_embedded(tmp_path: Path, server: str) -> None:
    url = f"{server}/chart.png"
    brief = write_brief(tmp_path / "brief", url, logo=url)
    Handler.requests.pop("/chart.png", None)
    out = tmp_path / "out"
    code, output = run("render", str(brief), "-o", str(out), "--allow-remote-images", PRIVATE, "-q")
    assert code == 0, output
    assert Handler.requests["/chart.png"] == 1  # figure and logo share one download
    html = (out / "b.html").read_text()
    assert html.count("data:image/png;base64,") == 2
    assert url not in html
    assert f"]({url})" in (out / "b.md").read_text()  # Markdown links to the address
    with pikepdf.open(out / "b.pdf") as pdf:
        images = {image.objgen for page in pdf.pages for image in page.get_images().values()}
        assert len(images) == 1  # the same bytes for figure and logo: one image XObject


def test_validate_agrees_with_render(tmp_path: Path, server: str) -> None:
    brief = write_brief(tmp_path, f"{server}/to-chart")  # a redirect to http is followed
    code, output = run("validate", str(brief), "--allow-remote-images", PRIVATE)
    assert code == 0, output
    assert "b.yaml: ok" in output


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing.png", "the server answered 404 Not Found"),
        ("/big.png", "it is larger than 0.001 MB"),
        ("/streamed.png", "it is larger than 0.001 MB"),
        ("/page.png", "it is not a PNG, JPEG or SVG image"),
        ("/slow.png", "the download did not finish within 0.2 s"),
        ("/to-file", "it redirects to 'file:///etc/hostname', which is not http(s)"),
    ],
)
def test_a_failed_download_is_a_located_error(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch, path: str, reason: str
) -> None:
    monkeypatch.setattr(remote, "MAX_REMOTE_IMAGE_BYTES", 1000)
    monkeypatch.setattr(remote, "TIMEOUT_SECONDS", 0.2)
    brief = write_brief(tmp_path, f"{server}{path}")
    out = tmp_path / "out"
    code, output = run(
        "render", str(brief), "-f", "html", "-o", str(out), "--allow-remote-images", PRIVATE
    )
    assert code == 1
    expected = f"b.yaml:11:12: sections[1].image: could not download {server}{path}: {reason}"
    assert f"{expected} {HINT}" in " ".join(output.split())
    assert not out.exists() or not list(out.iterdir())


def test_outside_files_need_their_flag(tmp_path: Path) -> None:
    (tmp_path / "shared.png").write_bytes(PNG)
    folder = tmp_path / "brief"
    brief = write_brief(folder, "../shared.png", logo="link.png")
    (folder / "link.png").symlink_to(tmp_path / "shared.png")
    code, output = run("validate", str(brief))
    assert code == 1
    assert "sections[1].image: '../shared.png' is outside the brief's folder" in output
    assert "theme.logo: 'link.png' is outside the brief's folder" in output
    assert "--allow-outside-files" in output
    out = tmp_path / "out"
    code, output = run(
        "render", str(brief), "-f", "html", "-o", str(out), "--allow-outside-files", "-q"
    )
    assert code == 0, output
    assert (out / "b.html").read_text().count("data:image/png;base64,") == 2


def test_file_urls_become_paths_and_are_still_checked(tmp_path: Path) -> None:
    (tmp_path / "shared.png").write_bytes(PNG)
    (tmp_path / "fake.png").write_text("not a png")
    brief = write_brief(tmp_path / "brief", (tmp_path / "shared.png").as_uri())
    loaded = load_brief(brief, LoadOptions(allow_outside_files=True))
    image = loaded.resources.images[(tmp_path / "shared.png").as_uri()]
    assert image.path == tmp_path / "shared.png" and image.mime == "image/png"
    brief.write_text(brief_yaml((tmp_path / "fake.png").as_uri()))
    code, output = run("validate", str(brief), "--allow-outside-files")
    assert code == 1
    assert "is not a valid PNG file" in output


def test_batch_rendering_passes_the_flags_on(tmp_path: Path, server: str) -> None:
    first = write_brief(tmp_path / "one", f"{server}/chart.png", name="one")
    second = write_brief(tmp_path / "two", "../shared.png", name="two")
    (tmp_path / "shared.png").write_bytes(PNG)
    # Two worker processes: the options travel to them, and each downloads for itself.
    allow = LoadOptions(
        allow_remote_images=True, allow_outside_files=True, allow_private_addresses=True
    )
    out = tmp_path / "out"
    batch = render_many([first, second], RenderRequest(["html"], out, jobs=2, load_options=allow))
    assert not batch.failed, batch
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["one.html", "two.html"]


# The download deadline holds in all, and only public addresses are reached ------------------


@pytest.mark.parametrize("path", ["/trickle.png", "/trickle-headers.png"])
def test_a_trickling_server_is_cut_off_at_the_deadline(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """Each read gets a byte in time, so only a deadline for the whole download stops it."""
    monkeypatch.setattr(remote, "TIMEOUT_SECONDS", 0.3)
    Handler.trickled_to_the_end.clear()
    brief = write_brief(tmp_path, f"{server}{path}")
    code, output = run("validate", str(brief), "--allow-remote-images", PRIVATE)
    assert code == 1
    expected = "the download did not finish within 0.3 s"
    assert f"could not download {server}{path}: {expected}" in " ".join(output.split())
    assert not Handler.trickled_to_the_end.is_set()  # briefgen hung up long before the end


REFUSED_ADDRESSES = [
    ("http://127.0.0.1:9/chart.png", "127.0.0.1 is a loopback address"),
    ("http://localhost:9/chart.png", "localhost is at 127.0.0.1, which is a loopback address"),
    ("http://10.1.2.3/x.png", "10.1.2.3 is a private address"),
    ("http://172.16.0.1/x.png", "172.16.0.1 is a private address"),
    ("http://192.168.1.1/x.png", "192.168.1.1 is a private address"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
    ("http://100.64.0.1/x.png", "100.64.0.1 is a non-public address"),
    ("http://0.0.0.0/x.png", "0.0.0.0 is an unspecified address"),
    ("http://224.0.0.1/x.png", "224.0.0.1 is a multicast address"),
    ("http://240.0.0.1/x.png", "240.0.0.1 is a private address"),
    ("http://[::1]/x.png", "::1 is a loopback address"),
    ("http://[fc00::1]/x.png", "fc00::1 is a private address"),
    ("http://[fe80::1]/x.png", "fe80::1 is a link-local address"),
    ("http://[::ffff:127.0.0.1]/x.png", "::ffff:127.0.0.1 is a loopback address"),
]


@pytest.mark.parametrize(("url", "reason"), REFUSED_ADDRESSES)
def test_non_public_addresses_are_refused_without_their_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, reason: str
) -> None:
    monkeypatch.setattr(remote, "TIMEOUT_SECONDS", 0.5)  # bounds the old code's attempts
    brief = write_brief(tmp_path, url, logo=url)
    code, output = run("validate", str(brief), "--allow-remote-images")
    assert code == 1
    flat = " ".join(output.split())
    for where in ("b.yaml:11:12: sections[1].image", "b.yaml:14:9: theme.logo"):
        assert f"{where}: could not download {url}: {reason}; {PUBLIC_ONLY} {HINT}" in flat


def _only_127_0_0_1_is_public(address: object) -> str | None:
    return None if str(address) == "127.0.0.1" else "loopback"


def test_every_redirect_is_checked_too(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(remote, "address_kind", _only_127_0_0_1_is_public)
    brief = write_brief(tmp_path, f"{server}/to-other-host")
    code, output = run("validate", str(brief), "--allow-remote-images")
    assert code == 1
    reason = f"127.0.0.2 is a loopback address; {PUBLIC_ONLY}"
    assert f"could not download {server}/to-other-host: {reason}" in " ".join(output.split())


def test_briefgen_connects_to_the_address_it_checked(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a second lookup would answer 127.0.0.3, where nothing listens."""
    monkeypatch.setattr(remote, "address_kind", _only_127_0_0_1_is_public)
    real_lookup = socket.getaddrinfo
    answers = iter(["127.0.0.1"] + ["127.0.0.3"] * 10)

    def rebinding_lookup(host: str, port: int, *args: object, **kwargs: object) -> object:
        if host == "images.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]
        return real_lookup(host, port, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_lookup)
    port = server.rsplit(":", 1)[1]
    brief = write_brief(tmp_path, f"http://images.example:{port}/chart.png")
    code, output = run("validate", str(brief), "--allow-remote-images")
    assert code == 0, output


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://[", "Invalid IPv6 URL"),
        ("https://[::1/x.png", "Invalid IPv6 URL"),
        ("http://example.org:99999/x.png", "Port out of range 0-65535"),
        ("http://example.org:port/x.png", "Port could not be cast to integer value as 'port'"),
    ],
)
@pytest.mark.parametrize("flag", [[], ["--allow-remote-images"]])
def test_a_malformed_address_is_a_located_error(
    tmp_path: Path, url: str, reason: str, flag: list[str]
) -> None:
    brief = write_brief(tmp_path, url, logo=url)
    code, output = run("validate", str(brief), *flag)
    assert code == 1
    flat = " ".join(output.split())
    for where in ("b.yaml:11:12: sections[1].image", "b.yaml:14:9: theme.logo"):
        assert f"{where}: '{url}' is not a valid address ({reason})" in flat
