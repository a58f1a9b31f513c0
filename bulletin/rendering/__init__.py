"""An issue as a document: one set of templates for its HTML page and, by WeasyPrint, its PDF.

context.py reads what the document prints, html.py renders the page, pdf.py lays it out as a PDF
in a child process (worker.py) with the fonts of fonts.py; checks.py warns when this machine
cannot render PDFs properly.
"""
