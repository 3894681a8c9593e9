"""Headless-Chromium helpers for briefgen's browser tests: axe-core audits and screenshots.

Everything here drives the Debian ``chromium`` binary through its plain command line
(``--dump-dom`` and ``--screenshot``); no CDP client, Playwright or Node test runner is
needed. axe-core itself comes from the npm package pinned in ``tools/axe/package.json``.

Install what these helpers need (CI included)::

    apt-get install -y chromium
    npm ci --prefix tools/axe

How :func:`run_axe` works: the HTML is copied into a temporary directory, a ``<script>``
that loads ``axe.min.js`` plus a small runner script are injected before ``</body>``, and
Chromium loads the copy with ``--dump-dom --virtual-time-budget=...``. When the page has
loaded, the runner calls ``axe.run`` and writes the JSON result into a hidden ``<pre>``
element, which is then read back out of the DOM that Chromium prints. The original file is
never modified.

Every Chromium process gets a fresh, empty ``--user-data-dir`` that is deleted afterwards,
and is started in its own process group so that a timeout kills the whole process tree.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Final

__all__ = [
    "AXE_INSTALL_HINT",
    "AXE_TAGS",
    "CHROMIUM_INSTALL_HINT",
    "DEFAULT_TIMEOUT",
    "AxeNotFoundError",
    "AxeRunError",
    "BrowserError",
    "BrowserTimeoutError",
    "ChromiumNotFoundError",
    "ScreenshotError",
    "find_axe",
    "find_chromium",
    "format_violations",
    "run_axe",
    "screenshot",
]

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
"""Root of the briefgen repository (this file lives in ``<root>/tests``)."""

AXE_PACKAGE_DIR: Final = REPO_ROOT / "tools" / "axe"
"""npm project that pins axe-core; ``npm ci --prefix tools/axe`` installs it."""

DEFAULT_AXE_JS: Final = AXE_PACKAGE_DIR / "node_modules" / "axe-core" / "axe.min.js"

CHROMIUM_INSTALL_HINT: Final = "apt-get install -y chromium"
AXE_INSTALL_HINT: Final = "npm ci --prefix tools/axe"

DEFAULT_TIMEOUT: Final = 60.0
"""Seconds one Chromium run may take before it is killed."""

AXE_TAGS: Final = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")
"""axe-core rule tags that :func:`run_axe` runs (``runOnly: {type: 'tag'}``)."""

CHROMIUM_ENV_VAR: Final = "BRIEFGEN_CHROMIUM"
"""Environment variable naming a Chromium binary to use instead of searching ``PATH``."""

AXE_ENV_VAR: Final = "BRIEFGEN_AXE_JS"
"""Environment variable naming an ``axe.min.js`` to use instead of ``tools/axe``'s."""

_CHROMIUM_NAMES: Final = ("chromium", "chromium-browser", "google-chrome", "chrome")

# Flags every run needs on this kind of machine: root (no sandbox), no GPU, and no
# background network traffic (the network is closed, and Chromium's attempts are noisy).
_BASE_FLAGS: Final = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--force-device-scale-factor=1",
)

# Window used for the audit. Note: in --dump-dom mode headless Chromium never makes the
# viewport narrower than 500 CSS px, so a phone-width audit is not possible this way.
_AXE_WINDOW: Final = "--window-size=1280,900"

# Virtual time lets Chromium fast-forward timers; the dump happens when the budget is spent.
_AXE_VIRTUAL_TIME_MS: Final = 10_000
_SCREENSHOT_VIRTUAL_TIME_MS: Final = 2_000

_RESULT_ID: Final = "__briefgen_axe_results__"
_RESULT_RE: Final = re.compile(
    r'<pre id="' + _RESULT_ID + r'"[^>]*>(?P<body>.*?)</pre>', re.DOTALL | re.IGNORECASE
)

# A whole <meta ...> tag, allowing quoted attribute values that contain '>'.
_META_RE: Final = re.compile(r"""<meta\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
_CSP_RE: Final = re.compile(
    r"""\bhttp-equiv\s*=\s*["']?\s*content-security-policy""", re.IGNORECASE
)
_HEAD_OPEN_RE: Final = re.compile(r"""<head\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
_BASE_RE: Final = re.compile(r"<base\b", re.IGNORECASE)
_BODY_CLOSE_RE: Final = re.compile(r"</body\s*>", re.IGNORECASE)

_PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
_PNG_HEADER_LEN: Final = 24  # signature, IHDR length and type, width, height

# Runs once the page (and its fonts) have loaded, then reports into a hidden <pre>, which
# is added only after axe has finished so that it is not itself audited.
_RUNNER_JS: Final = """
(function () {
  "use strict";
  function report(payload) {
    var pre = document.createElement("pre");
    pre.id = %(result_id)s;
    pre.hidden = true;
    pre.textContent = JSON.stringify(payload);
    (document.body || document.documentElement).appendChild(pre);
  }
  new Promise(function (resolve) {
    if (document.readyState === "complete") { resolve(); }
    else { window.addEventListener("load", function () { resolve(); }, { once: true }); }
  }).then(function () {
    return document.fonts ? document.fonts.ready : null;
  }).then(function () {
    if (typeof window.axe === "undefined") { throw new Error("axe-core did not load"); }
    return window.axe.run(document, {
      runOnly: { type: "tag", values: %(tags)s },
      resultTypes: ["violations"]
    });
  }).then(function (results) {
    report({ ok: true, axeVersion: window.axe.version, violations: results.violations });
  }, function (error) {
    report({ ok: false, error: String((error && error.stack) || error) });
  });
})();
"""


class BrowserError(RuntimeError):
    """Base class of every error raised by this module."""


class ChromiumNotFoundError(BrowserError):
    """No Chromium binary was found."""


class AxeNotFoundError(BrowserError):
    """``axe.min.js`` was not found (``tools/axe`` has not been installed)."""


class BrowserTimeoutError(BrowserError):
    """Chromium did not finish within the time allowed and was killed."""


class AxeRunError(BrowserError):
    """Chromium ran, but no axe result could be read from the page."""


class ScreenshotError(BrowserError):
    """Chromium ran, but did not write the expected PNG."""


def find_chromium() -> str | None:
    """Return the path of a Chromium binary, or ``None`` if there is none.

    ``$BRIEFGEN_CHROMIUM`` wins if it names an executable file; otherwise ``PATH`` is
    searched for ``chromium`` (Debian's package, ``/usr/bin/chromium``) and a few
    common alternative names.
    """
    override = os.environ.get(CHROMIUM_ENV_VAR)
    if override:
        return override if Path(override).is_file() and os.access(override, os.X_OK) else None
    for name in _CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def find_axe() -> Path:
    """Return the path of ``axe.min.js``.

    ``$BRIEFGEN_AXE_JS`` wins if set; otherwise the copy installed into
    ``tools/axe/node_modules`` is used.

    Raises:
        AxeNotFoundError: if the file does not exist.
    """
    override = os.environ.get(AXE_ENV_VAR)
    path = Path(override) if override else DEFAULT_AXE_JS
    if not path.is_file():
        raise AxeNotFoundError(
            f"axe-core not found at {path}; install it with `{AXE_INSTALL_HINT}` "
            "(run from the repository root)"
        )
    return path


def _require_chromium() -> str:
    chromium = find_chromium()
    if chromium is None:
        raise ChromiumNotFoundError(
            f"Chromium not found (looked for ${CHROMIUM_ENV_VAR} and "
            f"{', '.join(_CHROMIUM_NAMES)} on PATH); install it with `{CHROMIUM_INSTALL_HINT}`"
        )
    return chromium


def _stderr_tail(stderr: str, lines: int = 15) -> str:
    """Last lines of Chromium's stderr, without its harmless D-Bus complaints."""
    kept = [line for line in stderr.splitlines() if "dbus" not in line.lower()]
    return "\n".join(kept[-lines:]) or "(nothing)"


def _run_chromium(args: list[str], profile_dir: Path, timeout: float) -> tuple[int, str, str]:
    """Run Chromium with the base flags plus *args*; return (returncode, stdout, stderr).

    Raises:
        ChromiumNotFoundError: if there is no Chromium.
        BrowserTimeoutError: if it runs longer than *timeout* seconds (it is then killed,
            together with every process it started).
    """
    command = [
        _require_chromium(),
        *_BASE_FLAGS,
        f"--user-data-dir={profile_dir}",
        *args,
    ]
    with subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,  # own process group, so a timeout can kill all of it
    ) as proc:
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            _, stderr = proc.communicate()
            raise BrowserTimeoutError(
                f"Chromium did not finish within {timeout:g} s and was killed: "
                f"{' '.join(command)}\nstderr (tail):\n{_stderr_tail(stderr)}"
            ) from None
    return proc.returncode, stdout, stderr


def _strip_csp(document: str) -> str:
    """Remove every ``<meta http-equiv="Content-Security-Policy">`` tag from *document*."""
    return _META_RE.sub(lambda m: "" if _CSP_RE.search(m.group(0)) else m.group(0), document)


def _instrument(document: str, axe_js: Path, base_dir: Path) -> str:
    """Return *document* prepared for auditing (see :func:`run_axe` for what changes)."""
    document = _strip_csp(document)
    if not _BASE_RE.search(document):
        head = _HEAD_OPEN_RE.search(document)
        if head:
            base = f'<base href="{html.escape(base_dir.as_uri())}/">'
            document = document[: head.end()] + base + document[head.end() :]
    runner = _RUNNER_JS % {"result_id": json.dumps(_RESULT_ID), "tags": json.dumps(AXE_TAGS)}
    injection = (
        f'<script src="{html.escape(axe_js.resolve().as_uri())}"></script><script>{runner}</script>'
    )
    closes = list(_BODY_CLOSE_RE.finditer(document))
    if not closes:
        return document + injection
    at = closes[-1].start()
    return document[:at] + injection + document[at:]


def _summarise(violation: dict[str, Any]) -> dict[str, Any]:
    nodes = violation.get("nodes") or []
    return {
        "id": violation.get("id"),
        "impact": violation.get("impact"),
        "help": violation.get("help"),
        "helpUrl": violation.get("helpUrl"),
        "nodes": [
            {
                "target": node.get("target"),
                "html": node.get("html"),
                "failureSummary": node.get("failureSummary"),
            }
            for node in nodes
        ],
    }


def run_axe(html_path: Path, *, timeout: float = DEFAULT_TIMEOUT) -> list[dict[str, Any]]:
    """Audit *html_path* with axe-core in headless Chromium and return its violations.

    Rules run: those tagged ``wcag2a``, ``wcag2aa``, ``wcag21a``, ``wcag21aa`` and
    ``best-practice`` (:data:`AXE_TAGS`), at a 1280x900 desktop viewport, after the page's
    ``load`` event and ``document.fonts.ready``.

    The page is audited from a temporary copy, never in place. In that copy only:

    * every ``<meta http-equiv="Content-Security-Policy">`` is **removed**, because a
      policy that forbids inline or ``file:`` scripts (as briefgen's own may) would stop
      axe from running. CSP is therefore *not* under test here;
    * a ``<base href>`` pointing at the original's folder is added (unless the page has
      one), so relative URLs still resolve;
    * a ``<script src>`` loading ``axe.min.js`` and an inline runner script are inserted
      before the last ``</body>`` (appended at the end if there is none); loading axe by
      ``src`` rather than inlining its 650 kB keeps its text away from the HTML tokenizer
      (it contains ``<script`` inside a string);
    * the file is written as UTF-8 with a byte-order mark, which makes Chromium decode it
      (and axe) as UTF-8 whatever the page declares. The input is read as UTF-8.

    Args:
        html_path: the HTML file to audit.
        timeout: seconds Chromium may take in all.

    Returns:
        One dict per violated rule, in axe's order, with keys ``id``, ``impact``, ``help``,
        ``helpUrl`` and ``nodes``; each node has ``target`` (axe's selector list),
        ``html`` and ``failureSummary``. An empty list means no violations.

    Raises:
        FileNotFoundError: if *html_path* does not exist.
        ChromiumNotFoundError: if there is no Chromium.
        AxeNotFoundError: if axe-core is not installed.
        BrowserTimeoutError: if Chromium takes longer than *timeout*.
        AxeRunError: if axe failed in the page, or no result came back.
    """
    html_path = Path(html_path).resolve()
    if not html_path.is_file():
        raise FileNotFoundError(f"no such HTML file: {html_path}")
    _require_chromium()
    axe_js = find_axe()
    document = html_path.read_text(encoding="utf-8-sig")
    with tempfile.TemporaryDirectory(prefix="briefgen-axe-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        page = work / html_path.name
        page.write_text(_instrument(document, axe_js, html_path.parent), encoding="utf-8-sig")
        returncode, stdout, stderr = _run_chromium(
            [
                _AXE_WINDOW,
                f"--virtual-time-budget={_AXE_VIRTUAL_TIME_MS}",
                "--dump-dom",
                page.as_uri(),
            ],
            work / "profile",
            timeout,
        )
    match = _RESULT_RE.search(stdout)
    if match is None:
        raise AxeRunError(
            f"no axe result in the DOM Chromium dumped for {html_path} "
            f"(exit code {returncode}, {len(stdout)} chars of DOM)\n"
            f"stderr (tail):\n{_stderr_tail(stderr)}"
        )
    try:
        payload = json.loads(html.unescape(match.group("body")))
    except json.JSONDecodeError as exc:
        raise AxeRunError(f"axe result for {html_path} is not valid JSON: {exc}") from exc
    if not payload.get("ok"):
        raise AxeRunError(f"axe-core failed on {html_path}: {payload.get('error')}")
    return [_summarise(violation) for violation in payload["violations"]]


def format_violations(violations: list[dict[str, Any]]) -> str:
    """Render :func:`run_axe` output as readable text, e.g. for an assertion message."""
    if not violations:
        return "no axe violations"
    lines = [f"{len(violations)} axe violation(s):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation['impact']}]: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node['html']}")
    return "\n".join(lines)


def _png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's IHDR chunk, or ``None`` if *data* is not a PNG."""
    if len(data) < _PNG_HEADER_LEN or not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def screenshot(
    html_path: Path,
    png_path: Path,
    width: int,
    height: int,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> None:
    """Save a *width* x *height* CSS-pixel PNG of the top of *html_path*'s page.

    The page is rendered as is (its CSP included), at device scale factor 1 and without
    scrollbars, after a short virtual-time budget so that fonts and timers settle. Only the
    viewport is captured, so pass a tall *height* to see more of a long page.

    Phone widths work: the viewport (and so CSS media queries) is *width* wide when the
    shot is taken. But scripts that read ``innerWidth`` while the page loads see at least
    500 px, Chromium's minimum headless window width.

    Raises:
        FileNotFoundError: if *html_path* does not exist.
        ValueError: if *width* or *height* is not positive.
        ChromiumNotFoundError: if there is no Chromium.
        BrowserTimeoutError: if Chromium takes longer than *timeout*.
        ScreenshotError: if no PNG of the expected size was written.
    """
    html_path = Path(html_path).resolve()
    png_path = Path(png_path).resolve()
    if not html_path.is_file():
        raise FileNotFoundError(f"no such HTML file: {html_path}")
    if width <= 0 or height <= 0:
        raise ValueError(f"width and height must be positive, got {width}x{height}")
    png_path.parent.mkdir(parents=True, exist_ok=True)
    png_path.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="briefgen-shot-", ignore_cleanup_errors=True) as tmp:
        returncode, _, stderr = _run_chromium(
            [
                f"--window-size={width},{height}",
                "--hide-scrollbars",
                f"--virtual-time-budget={_SCREENSHOT_VIRTUAL_TIME_MS}",
                f"--screenshot={png_path}",
                html_path.as_uri(),
            ],
            Path(tmp) / "profile",
            timeout,
        )
    data = png_path.read_bytes() if png_path.is_file() else b""
    size = _png_size(data)
    if size != (width, height):
        found = f"a {size[0]}x{size[1]} PNG" if size else f"{len(data)} bytes, not a PNG"
        raise ScreenshotError(
            f"Chromium wrote {found} to {png_path}, expected {width}x{height} "
            f"(exit code {returncode})\nstderr (tail):\n{_stderr_tail(stderr)}"
        )


def print_to_pdf(html_path: Path, pdf_path: Path, *, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Print *html_path* to *pdf_path* as a reader's browser would (no header or footer).

    Raises:
        FileNotFoundError: if *html_path* does not exist.
        ChromiumNotFoundError: if there is no Chromium.
        BrowserTimeoutError: if Chromium takes longer than *timeout*.
        ScreenshotError: if no PDF was written.
    """
    html_path = Path(html_path).resolve()
    pdf_path = Path(pdf_path).resolve()
    if not html_path.is_file():
        raise FileNotFoundError(f"no such HTML file: {html_path}")
    pdf_path.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="briefgen-print-", ignore_cleanup_errors=True) as tmp:
        returncode, _, stderr = _run_chromium(
            ["--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.as_uri()],
            Path(tmp) / "profile",
            timeout,
        )
    if not pdf_path.is_file() or not pdf_path.read_bytes().startswith(b"%PDF"):
        raise ScreenshotError(
            f"Chromium (exit {returncode}) wrote no PDF of {html_path}:\n{_stderr_tail(stderr)}"
        )


_SCRIPT_RESULT_ID: Final = "__briefgen_script_result__"
_SCRIPT_RESULT_RE: Final = re.compile(
    r'<pre id="' + _SCRIPT_RESULT_ID + r'"[^>]*>(?P<body>.*?)</pre>', re.DOTALL | re.IGNORECASE
)


def evaluate(
    html_path: Path, body: str, *, timeout: float = DEFAULT_TIMEOUT, width: int | None = None
) -> Any:
    """Run *body* (the body of an async JS function) in the loaded page; return its result.

    The page is loaded from a temporary copy, as :func:`run_axe` does, at 1280x900 (or
    ``width`` x 900); the
    function runs after the ``load`` event and ``document.fonts.ready``, and its result
    (anything JSON can carry) is written into the DOM and read back.
    """
    html_path = Path(html_path).resolve()
    if not html_path.is_file():
        raise FileNotFoundError(f"no such HTML file: {html_path}")
    runner = f"""<script>
(async function () {{
  await new Promise(function (resolve) {{
    if (document.readyState === "complete") {{ resolve(); }}
    else {{ window.addEventListener("load", resolve, {{ once: true }}); }}
  }});
  await document.fonts.ready;
  let payload;
  try {{ payload = {{ ok: true, value: await (async function () {{ {body} }})() }}; }}
  catch (error) {{ payload = {{ ok: false, error: String(error) }}; }}
  const pre = document.createElement("pre");
  pre.id = {json.dumps(_SCRIPT_RESULT_ID)};
  pre.hidden = true;
  pre.textContent = JSON.stringify(payload);
  document.body.appendChild(pre);
}})();
</script>"""
    document = _strip_csp(html_path.read_text(encoding="utf-8-sig"))
    closes = list(_BODY_CLOSE_RE.finditer(document))
    at = closes[-1].start() if closes else len(document)
    document = document[:at] + runner + document[at:]
    with tempfile.TemporaryDirectory(prefix="briefgen-js-", ignore_cleanup_errors=True) as tmp:
        page = Path(tmp) / html_path.name
        page.write_text(document, encoding="utf-8-sig")
        returncode, stdout, stderr = _run_chromium(
            [
                _AXE_WINDOW if width is None else f"--window-size={width},900",
                f"--virtual-time-budget={_SCREENSHOT_VIRTUAL_TIME_MS}",
                "--dump-dom",
                page.as_uri(),
            ],
            Path(tmp) / "profile",
            timeout,
        )
    match = _SCRIPT_RESULT_RE.search(stdout)
    if match is None:
        raise BrowserError(
            f"no script result in the DOM of {html_path} (exit code {returncode})\n"
            f"stderr (tail):\n{_stderr_tail(stderr)}"
        )
    payload = json.loads(html.unescape(match.group("body")))
    if not payload.get("ok"):
        raise BrowserError(f"the script failed in {html_path}: {payload.get('error')}")
    return payload["value"]
