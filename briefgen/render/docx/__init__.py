"""The Word writer: one :class:`~briefgen.render.docx.writer.WordWriter` per brief, the
brief's parts (brief), evidence blocks (evidence), styles (styles), pictures, the package's
checks (package) and raw OpenXML helpers (xml). It reads the view, never the templates."""
