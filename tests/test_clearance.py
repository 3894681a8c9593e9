"""``briefgen update``: a DOCX edited as Word edits it comes back as exactly these YAML
edits (issue 31); an untouched one changes no byte; a foreign or hostile one is refused."""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from lxml import etree

from briefgen.api import load_brief, update_brief, write_update
from briefgen.clearance.session import Update
from briefgen.clearance.update import carry_over
from briefgen.errors import BriefError
from briefgen.model.source import KeyPath
from briefgen.render.docx.brief import render_marked_docx
from tests.conftest import ROOT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
REFERENCE = ROOT / "data" / "brief.yaml"
EXAMPLES = ROOT / "data" / "examples"
FINDING: KeyPath = ("sections", 1, "sections", 0, "text", 1)  # a finding's 2nd paragraph
RECOMMENDATIONS: KeyPath = ("sections", 1, "sections", 5, "items")
AUTHOR, DATE = "Reviewer A", "2026-12-01T10:00:00Z"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def render(brief: Path) -> tuple[bytes, tuple[KeyPath, ...]]:
    marked = render_marked_docx(load_brief(brief))
    return marked.content, marked.fields


def rewrite(
    docx: bytes,
    edit: Callable[[etree._Element], None],
    parts: dict[str, bytes] | None = None,
    relationships: list[tuple[str, str, str, bool]] = (),  # type: ignore[assignment]
    part: str = "word/document.xml",
) -> bytes:
    """The DOCX with its document.xml edited in place (and parts and relationships of the
    main part added), the way Word saves an edited file."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(output, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == part:
                root = etree.fromstring(data)
                edit(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            elif entry.filename == "word/_rels/document.xml.rels" and relationships:
                root = etree.fromstring(data)
                for ident, kind, target_name, external in relationships:
                    item = etree.SubElement(root, f"{{{PR}}}Relationship")
                    item.set("Id", ident)
                    item.set("Type", kind)
                    item.set("Target", target_name)
                    if external:
                        item.set("TargetMode", "External")
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            target.writestr(entry.filename, data)
        for name, data in (parts or {}).items():
            target.writestr(name, data)
    return output.getvalue()


def field_paragraph(
    root: etree._Element, fields: tuple[KeyPath, ...], path: KeyPath
) -> etree._Element:
    name = f"_bg{fields.index(path)}"
    (start,) = [found for found in root.iter(w("bookmarkStart")) if found.get(w("name")) == name]
    paragraph = start.getparent()
    assert paragraph is not None and paragraph.tag == w("p")
    return paragraph


def element(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:root xmlns:w="{W}" xmlns:r="{R}">{xml}</w:root>')[0]


def run(text: str, properties: str = "") -> str:
    formatting = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{formatting}<w:t xml:space="preserve">{text}</w:t></w:r>'


def replace_text(paragraph: etree._Element, pieces: list[str]) -> None:
    """Replace the paragraph's runs by ``pieces`` (XML), where its first run was."""
    runs = [child for child in paragraph if child.tag == w("r")]
    position = list(paragraph).index(runs[0])
    for old in runs:
        paragraph.remove(old)
    for offset, piece in enumerate(pieces):
        paragraph.insert(position + offset, element(piece))


def updated(tmp_path: Path, docx: bytes, brief: Path = REFERENCE, **options: object) -> Update:
    reviewed = tmp_path / "reviewed.docx"
    reviewed.write_bytes(docx)
    return update_brief(brief, reviewed, **options)  # type: ignore[arg-type]


def changed_lines(result: Update) -> list[str]:
    """The diff's removed and added lines, without its headers."""
    return [
        line
        for line in result.diff().splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


# No edit, no change --------------------------------------------------------------------

ONE_PER_LANGUAGE = [
    REFERENCE,
    EXAMPLES / "brief-ar.yaml",
    EXAMPLES / "brief-zh.yaml",
    EXAMPLES / "brief-ru.yaml",
    EXAMPLES / "evidence.yaml",
]


@pytest.mark.parametrize("brief", ONE_PER_LANGUAGE, ids=lambda path: path.stem)
def test_an_untouched_copy_changes_no_byte(brief: Path, tmp_path: Path) -> None:
    docx, fields = render(brief)
    assert len(fields) > 10
    result = updated(tmp_path, docx, brief)
    assert result.plan.edits == [] and result.plan.unplaced == []
    assert result.after == result.before == brief.read_text(encoding="utf-8")


def test_each_language_of_a_brief_in_several_comes_back_unchanged(tmp_path: Path) -> None:
    brief = EXAMPLES / "brief-fr-es.yaml"
    for language in ("fr", "es"):
        docx = render_marked_docx(load_brief(brief, language=language)).content
        result = updated(tmp_path, docx, brief)  # in the language the copy records
        assert result.plan.edits == [] and result.after == result.before


def test_a_copy_libreoffice_opened_and_saved_changes_no_byte_and_keeps_its_review(
    tmp_path: Path,
) -> None:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: run scripts/install-system-deps.sh --test"
    briefs = [REFERENCE, EXAMPLES / "brief-ar.yaml", EXAMPLES / "brief-zh.yaml"]
    rendered = []
    for brief in briefs:
        path = tmp_path / f"{brief.stem}.docx"
        path.write_bytes(render(brief)[0])
        rendered.append(str(path))
    # and a reviewed copy: LibreOffice keeps its tracked changes and comments readable
    docx, fields = render(REFERENCE)
    reviewed = rewrite(docx, lambda root: track_fulfil(root, fields))
    (tmp_path / "reviewed.docx").write_bytes(comment_on_logframes(reviewed, fields))
    rendered.append(str(tmp_path / "reviewed.docx"))
    saved = tmp_path / "saved"
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "docx", "--outdir", str(saved), *rendered],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    for brief in briefs:
        copy_path = saved / f"{brief.stem}.docx"
        assert b"_bg" in zipfile.ZipFile(copy_path).read("word/document.xml")
        result = update_brief(brief, copy_path)
        assert result.plan.edits == [] and result.plan.unplaced == [], brief.name
        assert result.after == result.before
    opened = update_brief(REFERENCE, saved / "reviewed.docx")
    assert [(c.where, c.kind, c.author, c.text) for c in opened.plan.open_changes] == [
        ("sections[1].sections[0].text[1]", "deletion", AUTHOR, "fulfill"),
        ("sections[1].sections[0].text[1]", "insertion", AUTHOR, "fulfil"),
    ]
    assert [(c.where, c.quoted, c.text) for c in opened.plan.comments] == [
        ("sections[1].sections[5].items[4]", "logframes", "Which logframes? Name them.")
    ]


def test_runs_split_as_word_splits_them_are_no_edit(tmp_path: Path) -> None:
    docx, fields = render(REFERENCE)

    def split(root: etree._Element) -> None:  # rsids, proofing marks, page-break marks
        paragraph = field_paragraph(root, fields, FINDING)
        text = "".join(paragraph.itertext())
        pieces = [text[:10], text[10:40], text[40:]]
        replace_text(paragraph, [
            '<w:proofErr w:type="spellStart"/>',
            f'<w:r w:rsidR="00A1B2C3"><w:rPr><w:b w:val="0"/></w:rPr><w:t>{pieces[0]}</w:t></w:r>',
            '<w:proofErr w:type="spellEnd"/>',
            '<w:r w:rsidRPr="00D4E5F6"><w:lastRenderedPageBreak/>'
            f'<w:t xml:space="preserve">{pieces[1]}</w:t></w:r>',
            run(pieces[2]),
        ])  # fmt: skip

    result = updated(tmp_path, rewrite(docx, split))
    assert result.plan.edits == [] and result.plan.unplaced == []
    assert result.after == result.before


# Tracked changes -------------------------------------------------------------------------


def track_fulfil(root: etree._Element, fields: tuple[KeyPath, ...]) -> None:
    """As Word records "fulfill" -> "fulfil" with Track Changes on."""
    paragraph = field_paragraph(root, fields, FINDING)
    text = "".join(paragraph.itertext())
    before, after = text.split("fulfill")
    replace_text(paragraph, [
        run(before),
        f'<w:del w:id="901" w:author="{AUTHOR}" w:date="{DATE}">'
        "<w:r><w:delText>fulfill</w:delText></w:r></w:del>",
        f'<w:ins w:id="902" w:author="{AUTHOR}" w:date="{DATE}">{run("fulfil")}</w:ins>',
        run(after),
    ])  # fmt: skip


def test_open_tracked_changes_stop_the_update_and_are_listed_by_field(tmp_path: Path) -> None:
    docx, fields = render(REFERENCE)
    result = updated(tmp_path, rewrite(docx, lambda root: track_fulfil(root, fields)))
    assert result.stopped and result.after == result.before
    listed = [(c.where, c.kind, c.author, c.date, c.text) for c in result.plan.open_changes]
    assert listed == [
        ("sections[1].sections[0].text[1]", "deletion", AUTHOR, DATE, "fulfill"),
        ("sections[1].sections[0].text[1]", "insertion", AUTHOR, DATE, "fulfil"),
    ]
    with pytest.raises(BriefError, match="tracked changes still open"):
        write_update(result)


def test_accepted_changes_edit_only_their_line(tmp_path: Path) -> None:
    docx, fields = render(REFERENCE)
    result = updated(
        tmp_path, rewrite(docx, lambda root: track_fulfil(root, fields)), changes="accept"
    )
    assert changed_lines(result) == [
        "-            Furthermore, through GLOT59 and GLOT92, HTMSS has been able to fulfill an",
        "+            Furthermore, through GLOT59 and GLOT92, HTMSS has been able to fulfil an",
    ]


def test_rejected_changes_leave_the_yaml_as_it_was(tmp_path: Path) -> None:
    docx, fields = render(REFERENCE)
    result = updated(
        tmp_path, rewrite(docx, lambda root: track_fulfil(root, fields)), changes="reject"
    )
    assert result.plan.edits == [] and result.after == result.before


def test_a_paragraph_deleted_with_track_changes_is_a_deleted_item_once_accepted(
    tmp_path: Path,
) -> None:
    docx, fields = render(REFERENCE)

    def delete_first_recommendation(root: etree._Element) -> None:
        paragraph = field_paragraph(root, fields, (*RECOMMENDATIONS, 0))
        for old in [child for child in paragraph if child.tag == w("r")]:
            deleted = element(f'<w:del w:id="903" w:author="{AUTHOR}" w:date="{DATE}"/>')
            old.getparent().replace(old, deleted)
            for text in old.iter(w("t")):
                text.tag = w("delText")
            deleted.append(old)
        properties = paragraph.find(w("pPr"))
        mark = element(f'<w:rPr><w:del w:id="904" w:author="{AUTHOR}" w:date="{DATE}"/></w:rPr>')
        properties.append(mark)

    reviewed = rewrite(docx, delete_first_recommendation)
    result = updated(tmp_path, reviewed, changes="accept")
    assert changed_lines(result) == [
        "-          - Promote UNODC's strategic positioning and niche to address TIP and SOM"
        " amongst",
        "-            other international players;",
    ]
    assert updated(tmp_path, reviewed, changes="reject").after == result.before


def test_a_recommendation_typed_with_track_changes_is_a_new_item_once_accepted(
    tmp_path: Path,
) -> None:
    docx, fields = render(REFERENCE)

    def type_after_the_second(root: etree._Element) -> None:
        """As Word records Enter at the end of an item, then typing, with tracking on."""
        second = field_paragraph(root, fields, (*RECOMMENDATIONS, 1))
        added = copy.deepcopy(second)
        for child in list(added):
            if child.tag != w("pPr"):
                added.remove(child)
        typed = run("Train the trainers;")
        added.append(
            element(f'<w:ins w:id="905" w:author="{AUTHOR}" w:date="{DATE}">{typed}</w:ins>')
        )
        mark = f'<w:rPr><w:ins w:id="906" w:author="{AUTHOR}" w:date="{DATE}"/></w:rPr>'
        second.find(w("pPr")).append(element(mark))
        second.addnext(added)

    reviewed = rewrite(docx, type_after_the_second)
    opened = updated(tmp_path, reviewed)
    assert [(c.where, c.kind, c.text) for c in opened.plan.open_changes] == [
        (
            "sections[1].sections[5].items[1]",
            "paragraph insertion",
            opened.plan.open_changes[0].text,
        ),
        ("outside any field", "insertion", "Train the trainers;"),
    ]
    accepted = updated(tmp_path, reviewed, changes="accept")
    assert changed_lines(accepted) == ["+          - Train the trainers;"]
    lines = accepted.after.splitlines()
    added_at = lines.index("          - Train the trainers;")
    assert lines[added_at - 1] == "            Member States;"  # after the second item
    assert updated(tmp_path, reviewed, changes="reject").after == accepted.before


@pytest.mark.parametrize(
    ("brief", "typed"),
    [(EXAMPLES / "brief-ar.yaml", " بعد المراجعة"), (EXAMPLES / "brief-zh.yaml", "（经审阅）")],
    ids=["ar", "zh"],
)
def test_arabic_and_chinese_edits_come_back_as_english_ones(
    brief: Path, typed: str, tmp_path: Path
) -> None:
    docx, fields = render(brief)
    item = load_brief(brief).brief.sections[1].sections[5].items[1]
    assert isinstance(item, str)

    def edit(root: etree._Element) -> None:  # typed at the end of the item, tracked
        paragraph = field_paragraph(root, fields, (*RECOMMENDATIONS, 1))
        change = f'<w:ins w:id="907" w:author="{AUTHOR}" w:date="{DATE}">{run(typed)}</w:ins>'
        paragraph.append(element(change))

    result = updated(tmp_path, rewrite(docx, edit), brief, changes="accept")
    assert changed_lines(result) == [f"-          - {item}", f"+          - {item}{typed}"]


def test_a_copy_edited_with_python_docx_keeps_its_marks(tmp_path: Path) -> None:
    """python-docx edits runs and keeps the bookmarks (``paragraph.text = ...`` would
    clear them with the runs: see the tests of a paragraph retyped whole below)."""
    docx_bytes, _ = render(REFERENCE)
    document = docx.Document(io.BytesIO(docx_bytes))
    (paragraph,) = [p for p in document.paragraphs if p.text.startswith("Develop a theory")]
    paragraph.runs[0].text = "Develop a theory of change and update the "
    paragraph.add_run("logframes").italic = True
    paragraph.add_run(";")
    saved = io.BytesIO()
    document.save(saved)
    assert changed_lines(updated(tmp_path, saved.getvalue())) == [
        "-          - Develop a theory of change and update the logframes;",
        "+          - Develop a theory of change and update the *logframes*;",
    ]


# Structure -------------------------------------------------------------------------------


def test_a_deleted_recommendation_and_a_new_one_become_list_edits(tmp_path: Path) -> None:
    docx, fields = render(REFERENCE)

    def edit(root: etree._Element) -> None:
        first = field_paragraph(root, fields, (*RECOMMENDATIONS, 0))
        first.getparent().remove(first)
        third = field_paragraph(root, fields, (*RECOMMENDATIONS, 2))
        added = copy.deepcopy(third)  # Enter at its end, then typing: its style and numbering
        for child in list(added):
            if child.tag != w("pPr"):
                added.remove(child)
        added.append(element(run("Publish the evaluation's findings in Arabic;")))
        third.addnext(added)

    result = updated(tmp_path, rewrite(docx, edit))
    assert changed_lines(result) == [
        "-          - Promote UNODC's strategic positioning and niche to address TIP and SOM"
        " amongst",
        "-            other international players;",
        "+          - Publish the evaluation's findings in Arabic;",
    ]
    assert result.after.index("Publish the evaluation's") > result.after.index(
        "Enhance cross-agency"
    )
    assert result.after.index("Publish the evaluation's") < result.after.index(
        "Strengthen cross-section"
    )


def test_a_paragraph_added_inside_a_finding_is_a_new_paragraph_of_it(tmp_path: Path) -> None:
    docx, fields = render(REFERENCE)

    def edit(root: etree._Element) -> None:  # Enter at the end of the first paragraph
        first = field_paragraph(root, fields, (*FINDING[:-1], 0))
        added = copy.deepcopy(first)
        for child in list(added):
            if child.tag != w("pPr"):
                added.remove(child)
        added.append(element(run("Most activities were ")))
        added.append(element(run("delivered online", "<w:i/>")))
        added.append(element(run(" after 2020.")))
        first.addnext(added)

    result = updated(tmp_path, rewrite(docx, edit))
    assert changed_lines(result) == [  # in the style of the paragraphs around it
        "+          - >-",
        "+            Most activities were *delivered online* after 2020.",
    ]
    lines = result.after.splitlines()
    at = lines.index("            Most activities were *delivered online* after 2020.")
    assert lines[at - 2].endswith("of civil society organizations and international organizations.")
    assert lines[at + 1] == "          - >-"


def test_a_paragraph_added_to_a_finding_of_one_text_makes_it_a_list(tmp_path: Path) -> None:
    docx, fields = render(REFERENCE)
    one_text: KeyPath = ("sections", 1, "sections", 1, "text", 0)  # text: >- ... in the YAML

    def edit(root: etree._Element) -> None:
        first = field_paragraph(root, fields, one_text)
        added = copy.deepcopy(first)
        for child in list(added):
            if child.tag != w("pPr"):
                added.remove(child)
        added.append(element(run("A second paragraph.")))
        first.addnext(added)

    result = updated(tmp_path, rewrite(docx, edit))
    old = result.before.split("        continued: true\n        text: >-\n", 1)[1].split(
        "\n      #"
    )[0]
    old_lines = old.splitlines()
    assert changed_lines(result) == [
        "-        text: >-",
        *[f"-{line}" for line in old_lines],
        "+        text:",
        "+          - >-",
        *[f"+  {line}" for line in old_lines],
        "+          - >-",
        "+            A second paragraph.",
    ]


def test_a_recommendation_moved_up_is_moved_in_the_yaml(tmp_path: Path) -> None:
    docx, fields = render(REFERENCE)

    def move(root: etree._Element) -> None:  # cut the fifth, paste it above the second
        fifth = field_paragraph(root, fields, (*RECOMMENDATIONS, 4))
        field_paragraph(root, fields, (*RECOMMENDATIONS, 1)).addprevious(fifth)

    result = updated(tmp_path, rewrite(docx, move))
    assert changed_lines(result) == [
        "+          - Develop a theory of change and update the logframes;",
        "-          - Develop a theory of change and update the logframes;",
    ]
    items = result.after.split("        items:\n", 2)[1]
    assert items.index("Develop a theory") < items.index("Strengthen the two global")
    assert items.index("Promote UNODC") < items.index("Develop a theory")


def test_a_pasted_picture_and_a_paragraph_outside_any_list_are_reported(tmp_path: Path) -> None:
    docx, fields = render(REFERENCE)

    def paste(root: etree._Element) -> None:
        paragraph = field_paragraph(root, fields, FINDING)
        paragraph.append(element("<w:r><w:drawing/></w:r>"))
        title = next(root.iter(w("p")))
        title.addnext(element(f"<w:p>{run('A note to the editor.')}</w:p>"))

    result = updated(tmp_path, rewrite(docx, paste))
    assert result.after == result.before
    assert [(item.what, item.context[:30]) for item in result.plan.unplaced] == [
        ("a paragraph outside any field; the YAML has no place for it", "A note to the editor."),
        ("a picture was added; the YAML has no place for it", "Furthermore, through GLOT59 an"),
    ]


def test_bold_added_in_word_is_markdown_bold(tmp_path: Path) -> None:
    docx, fields = render(REFERENCE)

    def embolden(root: etree._Element) -> None:
        paragraph = field_paragraph(root, fields, (*RECOMMENDATIONS, 4))
        replace_text(paragraph, [run("Develop a "), run("theory of change", "<w:b/>"),
                                 run(" and update the logframes;")])  # fmt: skip

    result = updated(tmp_path, rewrite(docx, embolden))
    assert changed_lines(result) == [
        "-          - Develop a theory of change and update the logframes;",
        "+          - Develop a **theory of change** and update the logframes;",
    ]


def test_a_link_added_in_word_is_a_markdown_link(tmp_path: Path) -> None:
    docx, fields = render(REFERENCE)

    def link(root: etree._Element) -> None:
        paragraph = field_paragraph(root, fields, (*RECOMMENDATIONS, 4))
        replace_text(paragraph, [
            run("Develop a "),
            f'<w:hyperlink r:id="rIdReview1">{run("theory of change")}</w:hyperlink>',
            run(" and update the logframes;"),
        ])  # fmt: skip

    hyperlink = f"{R}/hyperlink"
    reviewed = rewrite(
        docx, link, relationships=[("rIdReview1", hyperlink, "https://example.org/toc", True)]
    )
    assert changed_lines(updated(tmp_path, reviewed)) == [
        "-          - Develop a theory of change and update the logframes;",
        "+          - Develop a [theory of change](https://example.org/toc) and update the"
        " logframes;",
    ]


def test_edits_in_a_table_cell_and_a_management_response_go_to_their_fields(
    tmp_path: Path,
) -> None:
    brief = EXAMPLES / "evidence.yaml"
    docx, _ = render(brief)

    def edit(root: etree._Element) -> None:
        for text in root.iter(w("t")):
            if text.text == "Shelters funded":
                text.text = "Shelters funded in full"
            elif text.text and "Funding plans for two shelters." in text.text:
                text.text = text.text.replace("two", "three")

    result = updated(tmp_path, rewrite(docx, edit), brief)
    assert changed_lines(result) == [
        "-      - [Shelters funded, 6, 6]",
        "+      - [Shelters funded in full, 6, 6]",
        "-        action: Funding plans for two shelters.",
        "+        action: Funding plans for three shelters.",
    ]


def test_an_edit_with_no_place_in_the_yaml_is_reported_with_its_page_text(tmp_path: Path) -> None:
    docx, _ = render(REFERENCE)

    def edit(root: etree._Element) -> None:
        for text in root.iter(w("t")):
            if text.text == "Quick facts":
                text.text = "Key facts"

    result = updated(tmp_path, rewrite(docx, edit))
    assert result.after == result.before
    assert [(item.what, item.context) for item in result.plan.unplaced] == [
        (
            "text briefgen does not read back (a label, a number, a table) was edited"
            " (was 'Quick facts')",
            "Key facts",
        )
    ]


def test_an_edited_footer_is_reported(tmp_path: Path) -> None:
    docx, _ = render(REFERENCE)

    def edit(root: etree._Element) -> None:
        for text in root.iter(w("t")):
            if text.text == "UNODC Briefs":
                text.text = "UNODC Briefs (draft)"

    result = updated(tmp_path, rewrite(docx, edit, part="word/footer1.xml"))
    assert result.after == result.before
    assert [(item.what, item.context) for item in result.plan.unplaced] == [
        (
            "text briefgen does not read back (a label, a number, a table) was edited"
            " (was 'UNODC Briefs\\tPage  /')",
            "UNODC Briefs (draft)\\tPage  /",
        )
    ]


def test_a_heading_typed_in_word_is_reported_not_made_a_list_item(tmp_path: Path) -> None:
    docx, fields = render(REFERENCE)

    def edit(root: etree._Element) -> None:
        last = field_paragraph(root, fields, (*RECOMMENDATIONS, 11))
        style = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
        last.addnext(element(f"<w:p>{style}{run('Next steps')}</w:p>"))

    result = updated(tmp_path, rewrite(docx, edit))
    assert result.after == result.before
    assert [(item.what, item.context) for item in result.plan.unplaced] == [
        ("a heading was added; add a section in the YAML", "Next steps")
    ]


# Comments ----------------------------------------------------------------------------


def comments_part(text: str) -> bytes:
    return (
        f'<w:comments xmlns:w="{W}"><w:comment w:id="7" w:author="{AUTHOR}" w:date="{DATE}">'
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment></w:comments>"
    ).encode()


def comment_on_logframes(docx: bytes, fields: tuple[KeyPath, ...]) -> bytes:
    def edit(root: etree._Element) -> None:
        paragraph = field_paragraph(root, fields, (*RECOMMENDATIONS, 4))
        replace_text(paragraph, [
            run("Develop a theory of change and update the "),
            '<w:commentRangeStart w:id="7"/>', run("logframes"), '<w:commentRangeEnd w:id="7"/>',
            '<w:r><w:commentReference w:id="7"/></w:r>', run(";"),
        ])  # fmt: skip

    comments = f"{R}/comments"
    return rewrite(
        docx,
        edit,
        parts={"word/comments.xml": comments_part("Which logframes? Name them.")},
        relationships=[("rIdReview2", comments, "comments.xml", False)],
    )


def test_comments_are_listed_by_field_with_the_text_they_are_on(tmp_path: Path) -> None:
    docx, fields = render(REFERENCE)
    result = updated(tmp_path, comment_on_logframes(docx, fields))
    listed = [(c.where, c.author, c.date, c.quoted, c.text) for c in result.plan.comments]
    assert listed == [
        (
            "sections[1].sections[5].items[4]",
            AUTHOR,
            DATE,
            "logframes",
            "Which logframes? Name them.",
        )
    ]
    assert result.after == result.before


def test_comments_can_go_into_the_yaml_above_their_field(tmp_path: Path) -> None:
    docx, fields = render(REFERENCE)
    result = updated(tmp_path, comment_on_logframes(docx, fields), comments_as_yaml=True)
    assert changed_lines(result) == [
        "+          # Reviewer A (2026-12-01): Which logframes? Name them."
    ]


def test_a_comment_on_the_title_is_a_comment_on_its_field(tmp_path: Path) -> None:
    docx, _ = render(REFERENCE)

    def edit(root: etree._Element) -> None:  # the title: the first paragraph of the body
        title = next(root.find(w("body")).iter(w("p")))
        title.insert(1, element('<w:commentRangeStart w:id="7"/>'))
        title.append(element('<w:commentRangeEnd w:id="7"/>'))

    comments = f"{R}/comments"
    reviewed = rewrite(
        docx,
        edit,
        parts={"word/comments.xml": comments_part("Shorter, please.")},
        relationships=[("rIdReview2", comments, "comments.xml", False)],
    )
    result = updated(tmp_path, reviewed)
    assert [(c.where, c.text) for c in result.plan.comments] == [
        ("evaluation.title", "Shorter, please.")
    ]


# Refusals ----------------------------------------------------------------------------


def test_a_copy_of_another_brief_is_refused(tmp_path: Path) -> None:
    docx, _ = render(EXAMPLES / "evidence.yaml")
    with pytest.raises(BriefError, match="is the review of another brief"):
        updated(tmp_path, docx)


def test_a_language_a_brief_in_one_language_lacks_is_refused(tmp_path: Path) -> None:
    """``--lang fr`` on a brief written in English only was ignored: the update went on
    in English and said nothing."""
    docx, _ = render(REFERENCE)
    with pytest.raises(BriefError, match=r"this brief is written in 'en' only, not 'fr'"):
        updated(tmp_path, docx, language="fr")


def test_a_text_deleted_whole_is_refused_at_its_line_in_the_yaml(tmp_path: Path) -> None:
    """A reviewer who deletes a section's only paragraph gets the file, line and column of
    that text and what to do, not a bare key path."""
    docx, fields = render(REFERENCE)
    summary = ("sections", 0, "sections", 0, "text", 0)  # its only paragraph

    def delete(root: etree._Element) -> None:
        paragraph = field_paragraph(root, fields, summary)
        paragraph.getparent().remove(paragraph)

    with pytest.raises(BriefError) as refused:
        updated(tmp_path, rewrite(docx, delete))
    assert str(refused.value) == (
        f"{REFERENCE}:65:15: sections[0].sections[0].text: cannot edit: the only text would"
        " be deleted (restore some of it in Word, or remove the section from the YAML by hand)"
    )


def test_a_word_file_briefgen_did_not_make_is_refused(tmp_path: Path) -> None:
    other = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Minutes of the clearance meeting")
    document.save(other)
    with pytest.raises(BriefError, match="was not made by briefgen render"):
        updated(tmp_path, other.getvalue())


def test_a_copy_of_an_older_version_is_refused_and_nothing_written(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    shutil.copy(REFERENCE, brief)
    docx = render_marked_docx(load_brief(brief)).content
    brief.write_text(brief.read_text(encoding="utf-8") + "\n# edited since\n", encoding="utf-8")
    with pytest.raises(BriefError, match="made from another version"):
        updated(tmp_path, docx, brief)


def test_an_update_that_would_not_validate_is_refused(tmp_path: Path) -> None:
    docx, fields = render(REFERENCE)

    def empty_a_fact(root: etree._Element) -> None:  # both durations deleted
        for index in (0, 1):
            paragraph = field_paragraph(root, fields, ("quick_facts", 2, "value", index))
            for child in [child for child in paragraph if child.tag == w("r")]:
                paragraph.remove(child)

    with pytest.raises(BriefError, match=r"after the update: .*") as refused:
        updated(tmp_path, rewrite(docx, empty_a_fact))
    assert refused.value.problems[0].key_path.startswith("quick_facts[2].value")


def test_write_replaces_the_brief_with_the_update(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    shutil.copy(REFERENCE, brief)
    docx = render_marked_docx(load_brief(brief)).content
    fields = render_marked_docx(load_brief(brief)).fields
    result = updated(
        tmp_path, rewrite(docx, lambda root: track_fulfil(root, fields)), brief, changes="accept"
    )
    assert brief.read_text(encoding="utf-8") == result.before  # not written until asked
    assert write_update(result)
    assert brief.read_text(encoding="utf-8") == result.after != result.before


def test_write_goes_through_a_link_and_keeps_the_briefs_permissions(tmp_path: Path) -> None:
    """A brief kept elsewhere and linked into the working folder is updated where it is,
    and a brief readable by its owner only stays so: the link was replaced by a copy
    holding the update (the real brief left as it was) and the file made readable by all."""
    shared = tmp_path / "shared" / "brief.yaml"
    shared.parent.mkdir()
    shutil.copy(REFERENCE, shared)
    shared.chmod(0o600)
    brief = tmp_path / "brief.yaml"
    brief.symlink_to(shared)
    marked = render_marked_docx(load_brief(brief))
    reviewed = rewrite(marked.content, lambda root: track_fulfil(root, marked.fields))
    result = updated(tmp_path, reviewed, brief, changes="accept")
    assert write_update(result)
    assert brief.is_symlink() and brief.resolve() == shared.resolve()
    assert shared.read_text(encoding="utf-8") == result.after != result.before
    assert shared.stat().st_mode & 0o777 == 0o600


# A hostile DOCX --------------------------------------------------------------------------


def entity_bomb(docx: bytes) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(output, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/document.xml":
                data = data.replace(
                    b"?>",
                    b'?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
                    1,
                ).replace(b"Quick facts", b"&b;", 1)
            target.writestr(entry.filename, data)
    return output.getvalue()


def huge_part(docx: bytes) -> bytes:
    output = io.BytesIO(docx)
    with zipfile.ZipFile(output, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/huge.xml", b"<a>" + b" " * 250_000_000 + b"</a>")
    return output.getvalue()


def twice_named(docx: bytes) -> bytes:
    output = io.BytesIO(docx)
    with pytest.warns(UserWarning), zipfile.ZipFile(output, "a") as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
    return output.getvalue()


def oversized_document(docx: bytes) -> bytes:
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"<w:p/>" * 6_000_000 + b"</w:body>")
            target.writestr(entry.filename, data)
    return output.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda docx: b"not a zip at all", "not a ZIP archive"),
        (entity_bomb, "declares a DTD or entities"),
        (huge_part, "unpacks to more than 200 MB"),
        (twice_named, "two parts of the same name"),
        (oversized_document, "'word/document.xml' is larger than 30 MB"),
        (lambda docx: docx[: len(docx) // 2], "not a ZIP archive"),
    ],
    ids=["not-zip", "entities", "zip-bomb", "duplicate-names", "huge-xml", "truncated"],
)
def test_a_hostile_docx_is_refused_with_a_message_and_no_traceback(
    make: Callable[[bytes], bytes], message: str, tmp_path: Path
) -> None:
    docx, _ = render(REFERENCE)
    reviewed = tmp_path / "reviewed.docx"
    reviewed.write_bytes(make(docx))
    with pytest.raises(BriefError, match=message):
        update_brief(REFERENCE, reviewed)
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", "update", str(REFERENCE), "--from", str(reviewed)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and message in result.stderr
    assert result.stdout == ""


def test_the_command_shows_the_diff_and_writes_only_when_asked(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    shutil.copy(REFERENCE, brief)
    marked = render_marked_docx(load_brief(brief))
    reviewed = tmp_path / "reviewed.docx"
    reviewed.write_bytes(rewrite(marked.content, lambda root: track_fulfil(root, marked.fields)))
    command = [sys.executable, "-m", "briefgen", "update", str(brief), "--from", str(reviewed)]
    stopped = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert stopped.returncode == 1
    assert (
        "open change in sections[1].sections[0].text[1]: deletion by Reviewer A" in stopped.stderr
    )
    shown = subprocess.run(
        [*command, "--changes", "accept"], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert (
        shown.returncode == 0
        and "+            Furthermore, through GLOT59 and GLOT92, HTMSS has been able to fulfil an"
        in shown.stdout
    )
    assert brief.read_bytes() == REFERENCE.read_bytes()
    written = subprocess.run(
        [*command, "--changes", "accept", "--write"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert written.returncode == 0, written.stderr
    assert "fulfil an\n" in brief.read_text(encoding="utf-8")


def test_an_edit_keeps_the_yamls_own_spelling_of_what_it_did_not_touch() -> None:
    # Word shows the typography's curly apostrophe and the Markdown reads back as **...**
    assert (
        carry_over(
            "UNODC's role and __strong__ text",
            "UNODC’s role and **strong** text",
            "UNODC’s key role and **strong** text.",
        )
        == "UNODC's key role and __strong__ text."
    )
    # an edit across a place where the two differ takes the reviewer's whole text
    assert carry_over("say 'hi' now", "say ‘hi’ now", "say “hello” now") == "say “hello” now"


# A paragraph retyped whole (its marker lost) -----------------------------------------------


def retyped(replacements: dict[str, str], deleted: str = "") -> bytes:
    """The reference DOCX with whole paragraphs retyped as python-docx's ``paragraph.text
    = ...`` does it (which clears the paragraph's bookmarks with its runs, as pasting
    over a paragraph in Word can), and a paragraph deleted whole."""
    docx_bytes, _ = render(REFERENCE)
    document = docx.Document(io.BytesIO(docx_bytes))
    for start, text in replacements.items():
        (paragraph,) = [p for p in document.paragraphs if p.text.startswith(start)]
        paragraph.text = text
        assert not paragraph._p.findall(w("bookmarkStart"))
    if deleted:
        (gone,) = [p for p in document.paragraphs if p.text.startswith(deleted)]
        gone._p.getparent().remove(gone._p)
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def test_the_last_recommendation_retyped_whole_stays_in_its_own_item(tmp_path: Path) -> None:
    result = updated(
        tmp_path, retyped({"Develop a thorough fund-raising": "Raise funds for TIP and SOM."})
    )
    assert changed_lines(result) == [
        "-          - Develop a thorough fund-raising strategy for TIP and SOM.",
        "+          - Raise funds for TIP and SOM.",
    ]


def test_a_middle_recommendation_retyped_whole_stays_in_its_own_item(tmp_path: Path) -> None:
    result = updated(tmp_path, retyped({"Develop a theory of change": "Write a theory of change;"}))
    assert changed_lines(result) == [
        "-          - Develop a theory of change and update the logframes;",
        "+          - Write a theory of change;",
    ]


def test_the_last_paragraph_of_a_finding_retyped_whole_stays_in_it(tmp_path: Path) -> None:
    result = updated(tmp_path, retyped({"Furthermore, through GLOT59": "HTMSS met its aims."}))
    assert changed_lines(result) == [
        "-            Furthermore, through GLOT59 and GLOT92, HTMSS has been able to fulfill an",
        "-            important normative function and support key"
        " UN events and meetings on TIP and",
        "-            SOM by providing key expertise on both crimes.",
        "+            HTMSS met its aims.",
    ]


def test_the_only_paragraph_of_a_text_retyped_whole_is_its_new_text(tmp_path: Path) -> None:
    result = updated(
        tmp_path, retyped({"This in-depth mid-term evaluation": "This evaluation assessed both."})
    )
    assert changed_lines(result) == [
        "-          This in-depth mid-term evaluation of GLOT59 and"
        " GLOT92 assessed the preliminary",
        "-          impact of these programmes, their relevance,"
        " design, efficiency, effectiveness,",
        "-          sustainability, human rights and gender considerations, and partnerships and",
        "-          cooperation. The mid term evaluation covered the period between 2008/2010 and",
        "-          October 2016.",
        "+          This evaluation assessed both.",
    ]


@pytest.mark.parametrize("lost", ["every", "one"])
def test_a_copy_that_lost_the_ends_of_its_markers_is_refused_not_misread(
    tmp_path: Path, lost: str
) -> None:
    """Without its end, a field's bookmark runs on to the end of the document, and each
    field's text took in the fields after it: 27 wrong edits from an unchanged copy."""
    docx, fields = render(REFERENCE)
    finding = f"_bg{fields.index(FINDING)}"

    def drop_ends(root: etree._Element) -> None:
        starts = {
            found.get(w("id")): found.get(w("name")) for found in root.iter(w("bookmarkStart"))
        }
        for end in list(root.iter(w("bookmarkEnd"))):
            if lost == "every" or starts.get(end.get(w("id"))) == finding:
                end.getparent().remove(end)

    with pytest.raises(BriefError) as raised:
        updated(tmp_path, rewrite(docx, drop_ends))
    (problem,) = raised.value.problems
    assert problem.message.startswith(
        "cannot be read as a reviewed brief: the end of briefgen's hidden marker around '"
    )
    if lost == "one":
        assert "around 'Furthermore, through GLOT59 and GLOT92, HTMSS" in problem.message
    assert problem.path == tmp_path / "reviewed.docx"


@pytest.mark.parametrize("level", ["tr", "tbl"])
def test_a_marker_that_ends_beside_its_cell_is_read(tmp_path: Path, level: str) -> None:
    """Word may write a bookmark's end between cells or rows, outside the paragraph
    (OOXML allows it in a row and a table): it was never read, so an unchanged copy
    was refused as one whose markers lost their ends."""
    docx, fields = render(REFERENCE)
    label = f"_bg{fields.index(('quick_facts', 0, 'label'))}"

    def end_outside_the_cell(root: etree._Element) -> None:
        (start,) = [s for s in root.iter(w("bookmarkStart")) if s.get(w("name")) == label]
        (end,) = [e for e in root.iter(w("bookmarkEnd")) if e.get(w("id")) == start.get(w("id"))]
        cell = next(a for a in end.iterancestors() if a.tag == w("tc"))
        end.getparent().remove(end)
        (cell if level == "tr" else cell.getparent()).addnext(end)

    assert changed_lines(updated(tmp_path, rewrite(docx, end_outside_the_cell))) == []


def test_a_table_in_a_cell_is_read_once(tmp_path: Path) -> None:
    """A table a reviewer puts in a cell: its rows were read with the outer table's and
    again with the cell's, each of its paragraphs twice."""
    from briefgen.clearance.docx_read import read_reviewed

    docx, _ = render(REFERENCE)

    def table_in_a_cell(root: etree._Element) -> None:
        cell = next(root.iter(w("tc")))
        cell.append(element(f"<w:tbl><w:tr><w:tc><w:p>{run('Nested')}</w:p></w:tc></w:tr></w:tbl>"))
        cell.append(element("<w:p/>"))

    read = read_reviewed(tmp_path / "reviewed.docx", rewrite(docx, table_in_a_cell))
    assert [run.text for p in read.paragraphs for run in p.runs].count("Nested") == 1


def test_a_retyped_paragraph_next_to_a_deleted_one_is_refused_not_guessed(
    tmp_path: Path,
) -> None:
    """Two items lost their markers and one unmarked paragraph stands in their place:
    which one it is cannot be told, so nothing is applied (and nothing deleted)."""
    reviewed = tmp_path / "reviewed.docx"
    reviewed.write_bytes(
        retyped(
            {"Develop a theory of change": "Write a theory of change;"},
            deleted="Reinforce the internal capacity",
        )
    )
    with pytest.raises(BriefError) as raised:
        update_brief(REFERENCE, reviewed)
    (problem,) = raised.value.problems
    assert problem.message == (
        "the paragraph 'Write a theory of change;' lost its briefgen marker (it was retyped"
        " or pasted over whole) where sections[1].sections[5].items[4] and"
        " sections[1].sections[5].items[5] were: nothing is applied"
    )
