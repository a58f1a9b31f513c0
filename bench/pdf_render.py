"""The PDF of the July 2022 issue, against the layout of the same document alone.

    .venv/bin/python bench/pdf_render.py [--quick] [--repeat N] [--database-url URL]

The data: the demo's July 2022 issue, published (harness.database), and its final HTML, rendered
once as publishing renders it (render_html with its latest revision and the PDF's address).

The figure, pdf_render: `render_pdf(issue, html=html)`, as publishing and the admin's preview
call it: the document laid out, its pages painted, its fonts subset and embedded, the PDF's bytes.

Its floor: the layout alone, `pdf_document(html)`, i.e. `HTML(string=html, …).render()` with the
same fetcher and fonts: what no PDF of this document can take less than. Runs alternated with
the figure's, after one of each to warm up; the best of each counts. Target: ≤ 1.5× the floor.
The best CPU times of the same runs are printed and kept in the detail too: on a busy machine
they are the steadier measure of the same work.

The PDF fonts are the small copies of the Noto CJK SC faces that `make install` builds
(bulletin/rendering/fonts.py): the script builds them first when they are missing or out of date,
as `make install` would. Nothing of them is cached in a process, so a first render in a fresh
process (the worker's, the preview's) differs from the next only by Python's and WeasyPrint's
own warming up: that cold first render, full and layout alone, each in a fresh process, is
in the detail, and so is the full render with the system's faces instead of the copies (neither
when quick). The contents' leaders are joined into one run of dots a line by pdf_document itself
(bulletin/rendering/pdf.py), so the floor and the figure both include that.

Checked on the way: the PDF is under 2 MB, every font in it is embedded, no glyph is missing
(WeasyPrint records a .notdef it draws), every character of the issue's text is in the PDF's
text, and its pages are counted.
"""

import argparse
import html as html_module
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import harness

MAX_BYTES = 2 * 1024 * 1024


def main():
    args = harness.arguments(
        __doc__.split("\n\n")[0],
        **{
            "--repeat": {"type": int, "default": 0, "help": "runs of each (15; 3 quick)"},
            # The script's own child processes (cold renders, the system's faces).
            "--cold": {"choices": ["layout", "full"], "help": argparse.SUPPRESS},
            "--html-file": {"help": argparse.SUPPRESS},
        },
    )
    if args.cold:
        return cold_child(args.cold, args.html_file, args.repeat)
    repeat = args.repeat or (3 if args.quick else 15)
    with harness.database(args):
        fonts = build_fonts()
        harness.setup_django()
        run(repeat, fonts, quick=args.quick)


def build_fonts():
    """What `make install` does for the PDF fonts; how that went, for the detail."""
    completed = harness.run_manage(os.environ.copy(), "build_pdf_fonts")
    print(f"  manage.py build_pdf_fonts: {(completed.stdout + completed.stderr).strip()}")
    return completed.returncode == 0


def run(repeat, fonts_built, quick):
    from bulletin.models import Issue
    from bulletin.rendering.html import render_html
    from bulletin.rendering.pdf import pdf_document, render_pdf

    issue = Issue.objects.get(year=2022, month=7, status=Issue.Status.PUBLISHED)
    revision = issue.revisions.order_by("-number").first()
    html = render_html(issue, revision=revision, pdf_url=revision.get_pdf_url())

    render_pdf(issue, html=html)  # the process's first render: see the cold figures
    layouts, fulls = [], []
    for _ in range(repeat):  # alternated, so that both meet the same moments of the machine
        layouts.append(timed(pdf_document, html))
        fulls.append(timed(render_pdf, issue, html=html))
    layout, full = min(run.seconds for run in layouts), min(run.seconds for run in fulls)
    layout_cpu, full_cpu = min(run.cpu for run in layouts), min(run.cpu for run in fulls)
    pdf = fulls[-1].result
    print(f"layout alone: {layout:.3f} s, full render: {full:.3f} s (best of {repeat})")
    print(
        f"  CPU time: layout {layout_cpu:.3f} s, full {full_cpu:.3f} s, "
        f"ratio {full_cpu / layout_cpu:.2f}"
    )

    pages, fonts = check(html, pdf)
    used_copies = any("Bulletin-CJK" in name for name in fonts)
    print(f"  {pages} pages, {len(pdf) / 1024:.0f} KB; fonts: {', '.join(sorted(fonts))}")

    # Not when quick: comparisons, not the figure, and they take as long as the rest.
    cold = system = None
    if not quick:
        with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8") as file:
            file.write(html)
            file.flush()
            cold = {kind: cold_render(kind, file.name, 3) for kind in ("layout", "full")}
            system = system_faces_render(file.name, max(3, repeat // 2))
        print(
            "  cold, first render in a fresh process (best of 3): "
            f"layout {cold['layout']:.3f} s, full {cold['full']:.3f} s"
        )
    compared = ""
    if system:
        compared = (
            f"; with the system's faces: full {system['full']:.2f} s, layout "
            f"{system['layout']:.2f} s, ratio {system['full'] / system['layout']:.2f} (CPU "
            f"{system['full_cpu'] / system['layout_cpu']:.2f}), {system['bytes'] / 1024:.0f} KB"
        )
        print(f"  {compared[2:]}")

    fonts_note = "the built copies" if used_copies else "the system's faces (copies not built)"
    if not fonts_built:
        fonts_note += "; build_pdf_fonts failed"
    harness.record(
        "pdf_render",
        value=full,
        floor=layout,
        unit="s",
        target=1.5,
        label="PDF of the July 2022 issue",
        detail=(
            f"{pages} pages, {len(pdf) / 1024:.0f} KB, fonts embedded: {fonts_note}; "
            f"CPU time: full {full_cpu:.2f} s, layout {layout_cpu:.2f} s "
            f"(ratio {full_cpu / layout_cpu:.2f})"
            + (
                f"; cold first render in a fresh process: full {cold['full']:.2f} s, layout "
                f"{cold['layout']:.2f} s (ratio {cold['full'] / cold['layout']:.2f})"
                if cold
                else ""
            )
            + compared
        ),
    )


class Run:
    def __init__(self, seconds, cpu, result):
        self.seconds, self.cpu, self.result = seconds, cpu, result


def timed(function, *args, **kwargs):
    """One run's wall-clock and CPU time: the CPU time is what the machine's other work on
    our two shared CPUs disturbs least, a check on the wall-clock figures.

    Only a result of bytes is kept: laid-out documents kept alive would make every later
    run's garbage collection slower.
    """
    started, cpu = time.perf_counter(), cpu_time()
    result = function(*args, **kwargs)
    seconds, cpu = time.perf_counter() - started, cpu_time() - cpu
    return Run(seconds, cpu, result if isinstance(result, bytes) else None)


def cpu_time():
    """This process's CPU time and its finished children's: render_pdf lays out and writes the
    PDF in a child process (bulletin/rendering/worker.py), which process_time() leaves out."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def check(html, pdf):
    """The PDF's page count and font names, after checking it; exits if it is wrong."""
    from pypdf import PdfReader

    from bulletin.rendering.pdf import pdf_document

    if len(pdf) >= MAX_BYTES:
        sys.exit(f"The PDF is {len(pdf):,} bytes, not under {MAX_BYTES:,}.")
    reader = PdfReader(io.BytesIO(pdf))
    fonts = embedded_fonts(reader)
    if not fonts or not all(fonts.values()):
        sys.exit(f"Fonts not embedded: {fonts}")
    document = pdf_document(html)
    document.write_pdf()
    missing = {font.family: sorted(font.missing) for font in document.fonts.values()}
    if any(missing.values()):
        sys.exit(f"Glyphs missing (drawn as .notdef): {missing}")
    printed = set("".join(page.extract_text() for page in reader.pages))
    absent = sorted(set(visible_text(html)) - printed)
    if absent:
        sys.exit(f"Characters of the issue not in the PDF's text: {''.join(absent)}")
    return len(reader.pages), fonts


def embedded_fonts(reader):
    """{font name: embedded?} for every font of the PDF's pages."""
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None:
                    descriptor = descriptor.get_object()
                    name = str(descriptor["/FontName"]).split("+")[-1]
                    fonts[name] = any(
                        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                    )
    return fonts


def visible_text(html):
    """The characters of the document's body text, without markup or white space, nor the
    screen-only header the PDF leaves out."""
    body = html.split("<body", 1)[1]
    body = re.sub(r"<(style|script)\b.*?</\1>", "", body, flags=re.S)
    body = re.sub(r'<header class="[^"]*\bscreen-only\b.*?</header>', "", body, flags=re.S)
    text = html_module.unescape(re.sub(r"<[^>]+>", "", body))
    return re.sub(r"\s", "", text)


def cold_render(kind, html_file, runs):
    """The first render of a fresh process, best of `runs` processes."""
    return min(child(["--cold", kind, "--html-file", html_file])["seconds"] for _ in range(runs))


def system_faces_render(html_file, repeat):
    """Layout and full render with the system's faces (no copies), in a process of its own."""
    folder = tempfile.mkdtemp(prefix="no-pdf-fonts-")
    try:
        return child(
            ["--cold", "full", "--html-file", html_file, f"--repeat={repeat}"],
            PDF_FONT_DIR=os.path.join(folder, "none"),
        )
    finally:
        os.rmdir(folder)


def child(arguments, **environment):
    completed = subprocess.run(
        [harness.PYTHON, "bench/pdf_render.py", *arguments],
        cwd=harness.ROOT,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
    )
    if completed.returncode:
        sys.exit(f"pdf_render.py {' '.join(arguments)} failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def cold_child(kind, html_file, repeat):
    """In a fresh process: the first render's time; with --repeat, warm best-of figures too."""
    harness.setup_django()
    with open(html_file, encoding="utf-8") as file:
        html = file.read()
    from bulletin.rendering.pdf import pdf_document, render_pdf

    # render_pdf reads nothing of the issue when given its HTML.
    render = {"layout": pdf_document, "full": lambda page: render_pdf(None, html=page)}[kind]
    started = time.perf_counter()
    render(html)
    result = {"seconds": time.perf_counter() - started}
    if repeat:
        layouts, fulls = [], []
        for _ in range(repeat):
            layouts.append(timed(pdf_document, html))
            fulls.append(timed(render_pdf, None, html=html))
        result.update(
            layout=min(run.seconds for run in layouts),
            full=min(run.seconds for run in fulls),
            layout_cpu=min(run.cpu for run in layouts),
            full_cpu=min(run.cpu for run in fulls),
            bytes=len(fulls[-1].result),
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
