"""Download an image a brief names by URL, once, at load time (``--allow-remote-images``).

The bytes are embedded in every output as a ``data:`` URI, so the PDF engine never goes
on the network. One download is bounded in time and size, follows redirects only to
http(s) and must answer 200; the caller checks that the bytes are an image.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from http.client import HTTPMessage
from typing import IO
from urllib.parse import urlsplit

TIMEOUT_SECONDS = 10.0  # per network wait, and checked for the whole download; tests lower it
MAX_REMOTE_IMAGE_BYTES = 5_000_000  # reading stops past this; tests lower it
_CHUNK = 65_536


class DownloadError(Exception):
    """Why an image could not be downloaded, in words for the user."""


def is_web_url(value: str) -> bool:
    return urlsplit(value).scheme.lower() in {"http", "https"}


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another http(s) address (never file:, ftp: or data:)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not is_web_url(newurl):
            raise DownloadError(f"it redirects to '{newurl[:80]}', which is not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


def download(url: str) -> bytes:
    """The body of a 200 answer to ``url``; :class:`DownloadError` for anything else."""
    if not is_web_url(url) or not urlsplit(url).hostname:
        raise DownloadError("only http:// and https:// addresses can be downloaded")
    timeout, cap = TIMEOUT_SECONDS, MAX_REMOTE_IMAGE_BYTES
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": "briefgen"})
    try:
        with opener.open(request, timeout=timeout) as response:
            if response.status != 200:
                raise DownloadError(f"the server answered {response.status}, not 200")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > cap:
                raise DownloadError(f"it is larger than {_megabytes(cap)}")
            body = bytearray()
            while len(body) <= cap:
                if time.monotonic() > deadline:  # a server trickling bytes
                    raise TimeoutError
                chunk = response.read(min(_CHUNK, cap + 1 - len(body)))
                if not chunk:
                    break
                body += chunk
            if len(body) > cap:
                raise DownloadError(f"it is larger than {_megabytes(cap)}")
            return bytes(body)
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location", "") if error.headers else ""
        if 300 <= error.code < 400 and location and not is_web_url(location):
            raise DownloadError(
                f"it redirects to '{location[:80]}', which is not http(s)"
            ) from None
        raise DownloadError(f"the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError | socket.timeout):
            raise DownloadError(f"no answer within {timeout:g} s") from None
        raise DownloadError(str(error.reason)) from None
    except TimeoutError:
        raise DownloadError(f"no answer within {timeout:g} s") from None
    except (OSError, ValueError) as error:  # connection reset, bad URL, bad HTTP
        raise DownloadError(str(error) or type(error).__name__) from None
