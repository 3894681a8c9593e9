"""briefgen on the web: a live preview while writing, and a static library of briefs.

:mod:`briefgen.web.preview` serves one brief's pages and web page on 127.0.0.1 and shows
them again on every save; :mod:`briefgen.web.site` writes a folder of briefs as a
self-contained website. Both render through the same workers and renderers as
``briefgen render``: there is no second template of a brief.
"""
