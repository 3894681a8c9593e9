"""The JSON Schema of the brief format, for editors (completion, hover docs, red squiggles).

Generated from the pydantic models, so it cannot drift from what briefgen accepts; the
copy in ``schema/`` is checked against it by the tests; ``briefgen new`` writes a fresh one.
"""

from __future__ import annotations

import json
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
