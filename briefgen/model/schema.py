"""The JSON Schema of the brief format, for editors (completion, hover docs, red squiggles).

Generated from the pydantic models, so it cannot drift from what briefgen accepts; the
copies in ``schema/`` and ``briefgen/schema/`` are checked against it by the tests.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from briefgen.model.brief import Brief

SCHEMA_ID = "urn:briefgen:schema:brief"
SCHEMA_FILENAME = "brief.schema.json"


def brief_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) a brief's YAML must follow."""
    schema = Brief.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "briefgen evaluation brief",
    }


def schema_text() -> str:
    """The schema as the stable, diff-friendly text written to ``brief.schema.json``."""
    return json.dumps(brief_schema(), indent=2, ensure_ascii=False) + "\n"


def packaged_schema_path() -> Path:
    """The copy shipped inside the installed package (readable offline)."""
    return Path(str(resources.files("briefgen") / "schema" / SCHEMA_FILENAME))
