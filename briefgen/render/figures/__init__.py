"""Figures drawn offline as SVG from plain data: charts and country maps. They read only the
model, so every writer (web page, PDF, Word) embeds the same drawing."""
