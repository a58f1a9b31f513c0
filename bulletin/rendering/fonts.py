"""The PDF's Chinese fonts: small copies of the system's Noto CJK SC faces, built once.

WeasyPrint embeds a subset of every font a PDF uses, made at each render from the whole font file
it was given. Debian's Noto CJK faces come in collections of ~20 MB (five regions sharing 65,535
glyphs): HarfBuzz reads that much for each face at each render, and fontTools, which WeasyPrint
falls back on without libharfbuzz-subset, takes seconds per face. So `build()` (run by `make
install`, through `manage.py build_pdf_fonts`) writes, once, a copy of each SC face the document
uses holding the GB 2312 characters and every non-ideographic character of the face (Latin,
punctuation, symbols, kana), with the layout features horizontal Chinese text uses: ~2-3 MB,
subset several times faster, with the same glyphs, metrics and shaping.

The copies are a family of their own, listed first in the document's stylesheet and followed by
the system faces: a character outside the copies (a rare one in a name) is drawn from the full
face as before. Without a build, or with an incomplete one, the PDF uses the system faces, slower.
Nothing is cached in the rendering process: each render finds the copies on disk.
"""

import contextlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings

# Raised when what build() writes changes, so that `build_pdf_fonts` rebuilds older copies.
BUILD_VERSION = 2
MANIFEST = "manifest.json"

# The copies' family for each system family, as the stylesheet lists them (document.css).
FAMILIES = {
    "Bulletin CJK Sans SC": "Noto Sans CJK SC",
    "Bulletin CJK Serif SC": "Noto Serif CJK SC",
}
STYLES = ("Regular", "Bold")

# The features HarfBuzz applies to horizontal text (Pango asks for no other, nor does the
# stylesheet), and the language system of our text (lang="zh-Hans"); the other features and
# regions' variants (vertical forms, JP/KR/TC glyphs) would only swell the copies.
LAYOUT_FEATURES = [
    "abvm", "blwm", "ccmp", "locl", "mark", "mkmk", "rlig", "calt", "clig", "curs", "dist",
    "kern", "liga", "rclt", "rvrn", "ltra", "ltrm", "frac", "numr", "dnom",
]  # fmt: skip
LANGUAGE_SYSTEM = "ZHS "

# Ideographs and Hangul are left to the system face, except the GB 2312 ideographs.
LEFT_OUT = [
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK and Kangxi radicals
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xA960, 0xA97F),  # Hangul Jamo Extended-A
    (0xAC00, 0xD7FF),  # Hangul syllables, Jamo Extended-B
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0x20000, 0x3FFFF),  # the supplementary ideographic planes
]


class FontsUnavailable(Exception):
    """The system has no Noto CJK SC face to copy from."""


@dataclass
class Face:
    family: str  # the copy's
    style: str
    source: str  # the system font file
    index: int  # the face in that file (a collection)
    source_size: int = 0
    source_mtime: float = 0.0

    @property
    def file(self):
        return f"{self.family.replace(' ', '')}-{self.style}.otf"


def system_faces():
    """The Regular and Bold system faces the copies are made from, found by fontconfig."""
    faces = []
    for family, system_family in FAMILIES.items():
        for style in STYLES:
            pattern = f"{system_family}:style={style}"
            try:
                listed = subprocess.run(
                    ["fc-list", "--format", "%{file}\t%{index}\t%{variable}\n", pattern],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.splitlines()
            except (OSError, subprocess.CalledProcessError):
                listed = []
            # Static faces only: a variable font's named instances are listed too (their index
            # counts the instance in its high bits), and WeasyPrint would embed it whole.
            found = sorted(
                (path, int(index))
                for path, index, variable in (line.split("\t") for line in listed)
                if variable == "False" and int(index) < 0x10000
            )
            if not found:
                raise FontsUnavailable(f"{system_family} {style} is not installed")
            path, index = found[0]
            stat = os.stat(path)
            faces.append(Face(family, style, path, index, stat.st_size, stat.st_mtime))
    return faces


def gb2312_characters():
    characters = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):  # the unassigned codes
                characters.add(ord(bytes((row, cell)).decode("gb2312")))
    return characters


def repertoire(cmap):
    """The characters of a face (its cmap) that its copy keeps."""
    kept = {code for code in cmap if not any(low <= code <= high for low, high in LEFT_OUT)}
    return kept | (gb2312_characters() & cmap.keys())


def build_face(face, folder, characters=None):
    """Writes the copy of one face into `folder`; `characters` replaces the repertoire (tests)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # The bounding boxes stay the full face's: recomputing them takes most of the time and
    # nothing reads them for layout.
    with TTFont(face.source, fontNumber=face.index, lazy=True, recalcBBoxes=False) as font:
        font.recalcTimestamp = False
        wanted = repertoire(font.getBestCmap()) if characters is None else set(characters)
        keep_language_system(font, LANGUAGE_SYSTEM)
        options = subset.Options()
        options.layout_features = LAYOUT_FEATURES
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.hinting = True  # the same font data for FreeType and Pango as the system face
        options.drop_tables += ["vhea", "vmtx", "VORG"]  # the bulletin is set horizontally
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=wanted)
        subsetter.subset(font)
        rename(font, face.family, face.style)
        subsetted = io.BytesIO()
        font.save(subsetted)
    with TTFont(subsetted, recalcBBoxes=False) as font:  # the CFF table alone is read
        font.recalcTimestamp = False
        number_cids_as_glyphs(font)
        font.save(Path(folder) / face.file)


def number_cids_as_glyphs(font):
    """Gives each glyph the CID of its index, as in the system face (Adobe-Identity-0).

    The subsetter keeps the face's CIDs while it renumbers the glyphs it keeps, and WeasyPrint's
    subset of the copy keeps them too, but its PDF names each glyph by its index: a viewer that
    looks the CID up in the font's charset, as the PDF specification says, would find another
    glyph or none. Only the CFF table names CIDs; every other table counts glyphs by index.
    """
    top = font["CFF "].cff.topDictIndex[0]
    if not hasattr(top, "ROS"):
        return
    names = [".notdef", *(f"cid{index:05d}" for index in range(1, len(top.charset)))]
    charstrings = top.CharStrings
    order = [charstrings.charStrings[name] for name in top.charset]
    assert order == list(range(len(order))), "charstrings out of glyph order"
    charstrings.charStrings = {name: index for index, name in enumerate(names)}
    top.charset = names
    font.setGlyphOrder(names)


def keep_language_system(font, tag):
    """Drops the layout rules of every other language system (JAN, KOR, ZHT, ZHH)."""
    for table in ("GSUB", "GPOS"):
        if table in font:
            for script in font[table].table.ScriptList.ScriptRecord:
                records = [r for r in script.Script.LangSysRecord if r.LangSysTag == tag]
                script.Script.LangSysRecord = records
                script.Script.LangSysCount = len(records)


def rename(font, family, style):
    """Names the copy as its own family, so that fontconfig never takes it for the system face.

    The copyright, licence (SIL OFL 1.1) and trademark records stay as they are.
    """
    postscript = f"{family}-{style}".replace(" ", "")
    table = font["name"]
    for name_id in (1, 2, 3, 4, 6, 16, 17, 18, 21, 22, 25):
        table.removeNames(nameID=name_id)
    names = {
        1: family,
        2: style,
        3: f"{postscript};bulletin-{BUILD_VERSION}",
        4: family if style == "Regular" else f"{family} {style}",
        6: postscript,
    }
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        for key, value in (("FullName", names[4]), ("FamilyName", family)):
            if hasattr(top, key):
                setattr(top, key, value)


def build(folder, *, faces=None, characters=None, jobs=2):
    """Builds every copy into a new folder and puts it in place of `folder` at once.

    A render meanwhile sees the old set, no set (and uses the system faces), or the new set,
    never part of one.
    """
    folder = Path(folder)
    faces = system_faces() if faces is None else faces
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{folder.name}.building-", dir=folder.parent))
    try:
        if jobs > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                done = [pool.submit(build_face, face, work, characters) for face in faces]
                for future in done:
                    future.result()
        else:
            for face in faces:
                build_face(face, work, characters)
        manifest = {
            "version": BUILD_VERSION,
            "repertoire": "GB 2312" if characters is None else "custom",
            "built": time.strftime("%Y-%m-%d %H:%M:%S"),
            "faces": [asdict(face) | {"file": face.file} for face in faces],
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        old = folder.with_name(f"{folder.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            folder.rename(old)
        work.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder


def read_manifest(folder):
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text())
    except (OSError, ValueError):
        return None
    return manifest if manifest.get("version") == BUILD_VERSION else None


def is_current(folder):
    """Whether `folder` holds a complete GB 2312 build from the system faces as they are now."""
    manifest = read_manifest(folder)
    if not manifest or manifest.get("repertoire") != "GB 2312" or not built_fonts(folder):
        return False
    try:
        faces = system_faces()
    except FontsUnavailable:
        return True  # nothing to build from: what is there is the best there is
    recorded = {
        (face["source"], face["index"], face["source_size"], face["source_mtime"])
        for face in manifest["faces"]
    }
    return recorded == {
        (face.source, face.index, face.source_size, face.source_mtime) for face in faces
    }


def built_fonts(folder=None):
    """The copies' files when `folder` holds the whole set, else nothing.

    All or nothing: with one face missing, fontconfig would take a Regular copy for bold text
    (and embolden it) rather than the system's Bold face.
    """
    folder = Path(settings.PDF_FONT_DIR if folder is None else folder)
    manifest = read_manifest(folder)
    if not manifest:
        return []
    files = [folder / face["file"] for face in manifest["faces"]]
    expected = {(family, style) for family in FAMILIES for style in STYLES}
    present = {(face["family"], face["style"]) for face in manifest["faces"]}
    if present != expected or not all(file.is_file() for file in files):
        return []
    return files


def font_configuration():
    """WeasyPrint's fonts (the system's) with the copies added when they are built."""
    # Imported here, as in pdf.py: importing WeasyPrint loads Pango.
    from weasyprint.text.ffi import ffi, fontconfig, pangoft2
    from weasyprint.text.fonts import FontConfiguration

    configuration = FontConfiguration()
    files = built_fonts()
    for file in files:
        # WeasyPrint's own @font-face support adds files the same way.
        fontconfig.FcConfigAppFontAddFile(configuration._config, os.fsencode(file))
    if files:
        pangoft2.pango_fc_font_map_config_changed(
            ffi.cast("PangoFcFontMap *", configuration.font_map)
        )
    return configuration


def harfbuzz_subset_available():
    """Whether WeasyPrint subsets fonts with HarfBuzz (fast) rather than fontTools (seconds)."""
    from weasyprint.text import ffi

    return ffi.harfbuzz_subset is not None
