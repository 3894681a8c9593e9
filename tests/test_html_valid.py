"""Valid HTML: the W3C Nu HTML checker (the validator.w3.org engine) finds no error and no
warning on the web page of every example and test brief.

The checker comes from the npm package pinned in ``tools/vnu`` (``make test-deps``) and
runs on the headless Java runtime the test set-up installs.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import ALL_BRIEFS, ROOT, Renders

VNU = ROOT / "tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BRIEFS = ALL_BRIEFS


def _messages(pages: list[Path]) -> list[str]:
    """Every message of the checker, one JVM for all pages (it takes seconds to start)."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--also-check-css", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stderr)
    return [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine')}: "
        f"{message['type']}: {message['message']}"
        for message in report["messages"]
    ]


def test_every_web_page_is_valid(renders: Renders) -> None:
    pages = [
        by_format["html"]
        for brief in BRIEFS
        for by_format in renders.outputs(brief, ["html"]).values()
    ]
    assert len(pages) >= len(BRIEFS)
    assert _messages(pages) == []
