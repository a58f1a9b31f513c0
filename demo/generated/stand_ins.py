"""The frozen files of a generated issue's revision: a small HTML page and a one-page PDF.

Rendering sixty issues with WeasyPrint would take minutes; these stand-ins are served the same way
as real revisions (from storage, with their SHA-256 as ETag), which is what the public site needs.
"""

from django.utils.html import escape


def issue_page(issue, sections):
    """An HTML page naming the issue's entries, each linking its record's page.

    `sections` is a list of (heading, [(title, url), ...]).
    """
    parts = [
        '<!doctype html><html lang="zh-hans"><head><meta charset="utf-8">',
        f"<title>{escape(issue.title)}</title></head><body>",
        f"<h1>{escape(issue.title)}</h1>",
        "<p>本期为生成的测试数据，页面为替代文件。</p>",
    ]
    for heading, entries in sections:
        if not entries:
            continue
        parts.append(f"<h2>{escape(heading)}</h2><ol>")
        parts.extend(
            f'<li><a href="{escape(url)}">{escape(title)}</a></li>' for title, url in entries
        )
        parts.append("</ol>")
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8")


def issue_pdf(slug):
    """A valid one-page PDF saying which issue it stands in for (ASCII: no font to embed)."""
    text = f"Generated bulletin {slug}: stand-in PDF".encode("ascii")
    stream = b"BT /F1 18 Tf 72 770 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    document = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(document))
        document += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(document)
    document += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    document += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    document += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(document)
