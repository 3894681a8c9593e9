"""Step 3: fill the templates for each format (HTML, Markdown, the print HTML) and lay
the PDF out with WeasyPrint."""
