"""The format-neutral view of a brief: what every writer reads (the render context, the
evidence blocks as plain values, inline Markdown as HTML or Markdown, numbers and dates in
the brief's language, typography, fonts as outputs carry them, the page's geometry)."""
