"""Download an image a brief names by URL, once, at load time (``--allow-remote-images``).

The bytes are embedded in every output as a ``data:`` URI, so the PDF engine never goes
on the network. A brief's downloads run side by side (:data:`MAX_PARALLEL_DOWNLOADS` at
a time) and must all finish, redirects included, within one :data:`TIMEOUT_SECONDS`
(a watchdog closes a connection at the deadline, so a server trickling bytes cannot hold
it open): ten slow images cost ten seconds at most, not a hundred. Each is capped at
:data:`MAX_REMOTE_IMAGE_BYTES`,
follows at most :data:`MAX_REDIRECTS` redirects and only to http(s), and must answer 200;
the caller checks that the bytes are an image.

A brief must not make briefgen reach the machine's own network (a cloud metadata service
at 169.254.169.254, an admin page on 10.0.0.1, a service on localhost): every host name is
resolved here, each of its addresses checked, and the connection made to the checked
address itself, so a second DNS answer cannot switch it ("DNS rebinding"). Loopback,
private, link-local, multicast, reserved and other non-public addresses are refused, at
every redirect, unless ``allow_private_addresses`` (``--allow-private-addresses``).
Environment proxy settings are not used: a proxy would resolve names beyond our check.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from briefgen.errors import excerpt, quote_value

TIMEOUT_SECONDS = 10.0  # for all of a brief's downloads, redirects included; tests lower it
MAX_PARALLEL_DOWNLOADS = 8
MAX_REMOTE_IMAGE_BYTES = 5_000_000  # reading stops past this; tests lower it
MAX_REDIRECTS = 5
_CHUNK = 65_536
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class DownloadError(Exception):
    """Why an image could not be downloaded, in words for the user."""


class _DeadlinePassed(Exception):
    pass


def is_web_url(value: str) -> bool:
    """Whether ``value`` is an http(s) address (a malformed one, e.g. ``http://[``, is not)."""
    try:
        return urlsplit(value).scheme.lower() in {"http", "https"}
    except ValueError:
        return False


def address_kind(address: IPAddress) -> str | None:
    """Which kind of non-public address this is (e.g. "loopback"), or None for a public one.

    An IPv6 address that carries an IPv4 one (``::ffff:127.0.0.1``, 6to4, Teredo) is
    judged by the IPv4 address it leads to.
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address.teredo is not None:
            embedded = address.teredo[1]
        if embedded is not None:
            return address_kind(embedded) or (None if address.is_global else "reserved")
    kinds = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("non-public", not address.is_global),
    )
    return next((kind for kind, matches in kinds if matches), None)


@dataclass
class _Download:
    """One download's deadline, and the watchdog that enforces it."""

    timeout: float  # as the messages say it: the brief's whole time for downloads
    allow_private_addresses: bool
    deadline: float = 0.0  # default: ``timeout`` from now
    expired: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.deadline = self.deadline or time.monotonic() + self.timeout

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0 or self.expired.is_set():
            raise _DeadlinePassed
        return left

    def resolve(self, host: str, port: int) -> str:
        """The one checked address to connect to; the lookup counts against the deadline."""
        found: list[tuple[object, ...]] = []
        failed: list[OSError] = []

        def lookup() -> None:
            try:
                found.extend(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
            except OSError as error:
                failed.append(error)

        thread = threading.Thread(target=lookup, daemon=True)  # getaddrinfo has no timeout
        thread.start()
        thread.join(self.remaining())
        if thread.is_alive():
            raise _DeadlinePassed
        if failed or not found:
            reason = failed[0].strerror if failed and failed[0].strerror else "no address"
            raise DownloadError(f"the name {host} cannot be found ({reason})")
        addresses = list(dict.fromkeys(str(info[4][0]) for info in found))  # type: ignore[index]
        if not self.allow_private_addresses:
            for text in addresses:
                kind = address_kind(ipaddress.ip_address(text.split("%", 1)[0]))
                if kind is not None:
                    where = text if text == host.strip("[]") else f"{host} is at {text}, which"
                    raise DownloadError(
                        f"{where} is {'an' if kind[0] in 'aeiou' else 'a'} {kind} address; "
                        "briefgen downloads only from public "
                        "addresses unless given --allow-private-addresses"
                    )
        return addresses[0]

    def connect(self, url: str) -> http.client.HTTPConnection:
        """A connection to the checked address of ``url``'s host; the watchdog may close it."""
        parts = urlsplit(url)
        if not parts.hostname:
            raise DownloadError("only http:// and https:// addresses can be downloaded")
        https = parts.scheme.lower() == "https"
        port = parts.port or (443 if https else 80)
        address = self.resolve(parts.hostname, port)
        kind = http.client.HTTPSConnection if https else http.client.HTTPConnection
        connection = kind(parts.hostname, port, timeout=self.remaining())

        def to_checked_address(
            _: tuple[str, int], timeout: float, source: tuple[str, int] | None = None
        ) -> socket.socket:
            return socket.create_connection((address, port), timeout, source)

        connection._create_connection = to_checked_address  # type: ignore[attr-defined]
        return connection

    def watch(self, connection: http.client.HTTPConnection) -> threading.Timer:
        """Close ``connection`` at the deadline, wherever it is blocked (headers, body)."""

        def expire() -> None:
            self.expired.set()
            if connection.sock is not None:
                with contextlib.suppress(OSError):  # already closed
                    connection.sock.shutdown(socket.SHUT_RDWR)

        timer = threading.Timer(self.remaining(), expire)
        timer.daemon = True
        timer.start()
        return timer

    def fetch(self, url: str, cap: int) -> bytes:
        for _ in range(MAX_REDIRECTS + 1):
            connection = self.connect(url)
            timer = self.watch(connection)
            try:
                target = urlsplit(url)._replace(scheme="", netloc="", fragment="").geturl()
                connection.request("GET", target or "/", headers={"User-Agent": "briefgen"})
                response = connection.getresponse()
                if response.status in _REDIRECTS:
                    location = response.getheader("Location", "")
                    url = urljoin(url, location)
                    if not location or not is_web_url(url):
                        raise DownloadError(
                            f"it redirects to {quote_value(location)}, which is not http(s)"
                        )
                    continue
                if response.status != 200:
                    raise DownloadError(
                        # the server's own words: short and escaped
                        f"the server answered {response.status} {excerpt(response.reason)}".rstrip()
                    )
                return self.read_body(response, cap)
            finally:
                timer.cancel()
                connection.close()
        raise DownloadError(f"it redirects more than {MAX_REDIRECTS} times")

    def read_body(self, response: http.client.HTTPResponse, cap: int) -> bytes:
        declared = response.getheader("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            raise DownloadError(f"it is larger than {_megabytes(cap)}")
        body = bytearray()
        while len(body) <= cap:
            self.remaining()
            chunk = response.read1(min(_CHUNK, cap + 1 - len(body)))  # what has arrived
            if not chunk:
                break
            body += chunk
        self.remaining()  # the watchdog's shutdown also ends the loop: not a complete body
        if len(body) > cap:
            raise DownloadError(f"it is larger than {_megabytes(cap)}")
        if response.length:  # fewer bytes than Content-Length said
            raise DownloadError("the connection closed before the image was complete")
        return bytes(body)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


def download(url: str, *, allow_private_addresses: bool = False) -> bytes:
    """The body of a 200 answer to ``url``; :class:`DownloadError` for anything else."""
    found = download_all([url], allow_private_addresses=allow_private_addresses)[url]
    if isinstance(found, DownloadError):
        raise found
    return found


def download_all(
    urls: Iterable[str], *, allow_private_addresses: bool = False
) -> dict[str, bytes | DownloadError]:
    """Each URL's body, or why it could not be had: all within one deadline, in parallel.

    A download still queued when the deadline passes fails as a slow one does.
    """
    unique = list(dict.fromkeys(urls))
    deadline = time.monotonic() + TIMEOUT_SECONDS
    if not unique:
        return {}

    def one(url: str) -> bytes | DownloadError:
        try:
            return _download(url, deadline, allow_private_addresses)
        except DownloadError as error:
            return error

    if len(unique) == 1:
        return {unique[0]: one(unique[0])}
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(min(MAX_PARALLEL_DOWNLOADS, len(unique))) as pool:
        return dict(zip(unique, pool.map(one, unique), strict=True))


def _download(url: str, deadline: float, allow_private_addresses: bool) -> bytes:
    if not is_web_url(url):
        raise DownloadError("only http:// and https:// addresses can be downloaded")
    attempt = _Download(TIMEOUT_SECONDS, allow_private_addresses, deadline)
    too_slow = f"the download did not finish within {attempt.timeout:g} s"
    if deadline <= time.monotonic():
        raise DownloadError(too_slow)
    try:
        return attempt.fetch(url, MAX_REMOTE_IMAGE_BYTES)
    except DownloadError:
        raise
    except (_DeadlinePassed, TimeoutError):
        raise DownloadError(too_slow) from None
    except (http.client.InvalidURL, ValueError) as error:  # a bad port, control characters
        raise DownloadError(f"the address is not valid ({error})") from None
    except (OSError, http.client.HTTPException) as error:  # refused, reset, TLS, bad HTTP
        if attempt.expired.is_set():  # the watchdog cut the connection
            raise DownloadError(too_slow) from None
        if isinstance(error, http.client.HTTPException):
            reason = f"the server's answer is not valid HTTP ({type(error).__name__})"
        else:
            reason = error.strerror or str(error) or type(error).__name__
        raise DownloadError(reason) from None
