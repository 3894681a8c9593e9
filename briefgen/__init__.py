"""briefgen: evaluation briefs from YAML, as PDF, HTML and Markdown.

The pipeline, one package each: ``loading`` (YAML -> validated models), ``model`` (the
content model and labels, and ``model.loaded``: the loaded brief that loading hands to
rendering), ``render`` (templates -> formats), ``output`` (safe writing), and ``cli`` (a
thin shell). Library use::

    from briefgen.api import load_brief, render_brief
    results = render_brief("data/brief.yaml", formats=["pdf"], output_dir="out")
"""

__version__ = "0.1.0"
