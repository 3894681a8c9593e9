"""A live Chromium for pages that change while they are open (the preview, the site's filters).

tests/browser.py drives Chromium through its command line, which suits a page that is
done once loaded. A page that talks to a server, or that a test types into, needs a
browser it can drive: Playwright (a PyPI package, in the test extra) with Debian's
Chromium, never a browser downloaded by Playwright.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser import AXE_TAGS, find_axe, find_chromium

_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright."""
    executable = find_chromium()
    assert executable is not None, (
        "Chromium is installed by make test (scripts/install-system-deps.sh)"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (the rules of tests/browser.py)."""
    page.add_script_tag(path=str(find_axe()))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']}).then(r => JSON.stringify(r.violations))",
        list(AXE_TAGS),
    )
    violations: list[dict[str, Any]] = json.loads(result)
    return [{"id": v["id"], "nodes": [node["html"] for node in v["nodes"]]} for v in violations]
