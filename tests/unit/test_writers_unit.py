"""One list of formats: the writer registry, which the API, the command line and the JSON
report all spell their formats from."""

from __future__ import annotations

from typing import get_args

from briefgen.api import FORMATS, Format
from briefgen.cli.options import DOCUMENTS, FormatChoice
from briefgen.render import DOCUMENT_FORMATS, WRITERS, DocumentFormat, OutputKind
from briefgen.report import FileRecord


def test_every_document_format_has_one_writer_and_all_means_them() -> None:
    assert DOCUMENT_FORMATS == tuple(WRITERS) == get_args(DocumentFormat)
    assert FORMATS == DOCUMENT_FORMATS  # the default: every document, no page images
    assert list(DOCUMENT_FORMATS) == DOCUMENTS  # what -f all renders


def test_the_command_line_the_api_and_the_report_name_the_same_formats() -> None:
    def flat(kind: object) -> list[str]:
        return [name for arg in get_args(kind) for name in (flat(arg) or [arg])]

    assert flat(Format) == [*DOCUMENT_FORMATS, "png"]
    assert [choice.value for choice in FormatChoice] == [*flat(Format), "all"]
    assert flat(OutputKind) == [*flat(Format), "thumbnail"]
    assert FileRecord.model_json_schema()["properties"]["format"]["enum"] == flat(OutputKind)
