"""briefgen: evaluation briefs from YAML, as PDF, HTML, Markdown, Word (DOCX) and page images.

The pipeline, in layers that import only downwards (docs/development.md): ``cli`` (a thin
shell) over ``report`` and ``summary``, ``batch`` (many briefs), ``workers`` (one process
per brief), ``api`` (the one door), then ``loading`` (YAML -> validated models) beside
``render`` (the view, figures, templates, the PDF and Word writers), both on ``model`` (the
content model, labels, and ``model.loaded``: what loading hands to rendering), with
``fonts``, ``output`` (safe writing) and ``errors`` at the bottom. Library use::

    from briefgen.api import load_brief, render_brief
    results = render_brief("data/brief.yaml", formats=["pdf"], output_dir="out")
"""

__version__ = "0.1.0"
