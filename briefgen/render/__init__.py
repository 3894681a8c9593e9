"""Step 3: the brief as each output. ``view/`` is the format-neutral view every writer
reads, ``figures/`` draws charts and maps, ``jinja/`` fills templates (``html.py``: the web
page and the print HTML; ``markdown.py``), ``pdf/`` lays the print HTML out with WeasyPrint,
``docx/`` writes Word directly."""
