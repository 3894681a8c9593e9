"""The PDF stage: the print HTML laid out by WeasyPrint (engine), cut at the page break
(page_split), hyphenated (hyphenation), kept within its page budget (budget), post-processed
for a PDF standard (standards), and drawn as page images (png)."""
