"""The Jinja boundary: the sandboxed environment with its size caps, the template loader
that stays inside its folder, and the filters that reach the view. The web page, the print
HTML and the Markdown are filled here; the Word writer never is."""
