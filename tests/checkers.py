"""The third-party checkers the conformance tests run: the Nu HTML checker and axe-core.

Both are npm packages (package.json; scripts/ensure-checkers installs them, and Java for the Nu
checker). Where they are missing the tests that need them are skipped, except under
REQUIRE_BROWSER=1 (CI), where a missing checker fails the test.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# What a page must not have: axe's two worst impacts.
AXE_FAILING_IMPACTS = {"critical", "serious"}
# Off by default in axe as experimental: a control's spoken name must start with the words it
# shows (WCAG 2.5.3), as Django's "今天" did not while its catalog lacked "Today (%(date)s)".
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "rules": {"label-content-name-mismatch": {"enabled": True}},
}


def _require(ready, reason):
    if ready:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason} (scripts/ensure-checkers)", pytrace=False)
    pytest.skip(f"{reason}: run scripts/ensure-checkers")


def nu_errors(documents):
    """Check HTML documents with the Nu checker in one run of it: {name: [error, ...]}.

    `documents` maps a name (a URL, say) to the page's HTML; each error is "line:column message".
    """
    _require(shutil.which("java") and VNU_JAR.exists(), f"Java or {VNU_JAR} is missing")
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"page-{number}.html"
            path.write_text(html, encoding="utf-8")
            paths[f"file:{path}"] = name  # as the checker names the file in its report
        checked = subprocess.run(
            ["java", "-Xss16m", "-jar", str(VNU_JAR), "--format", "json", "--stdout"]
            + [uri.removeprefix("file:") for uri in paths],
            capture_output=True,
            text=True,
            timeout=300,
        )
    report = json.loads(checked.stdout)
    errors = {name: [] for name in documents}
    for message in report["messages"]:
        if message["type"] in ("error", "non-document-error"):
            name = paths.get(message.get("url"), message.get("url"))
            where = f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
            errors.setdefault(name, []).append(f"{where} {message['message']}")
    return errors


def axe_findings(page, context=None):
    """Run axe-core on the page as it is now: the critical and serious violations, as
    "rule (impact): target, …" lines. The page's context must bypass its CSP (bypass_csp=True),
    which forbids the inline script axe is injected as.

    It waits for the page's web fonts first: the rich-text toolbar draws its icons as ligatures
    ("format_bold" in the icon font), and until that font has loaded axe reads them as visible
    words that contradict the buttons' names, as a reader would see them."""
    _require(AXE_SCRIPT.exists(), f"{AXE_SCRIPT} is missing")
    page.evaluate("async () => { document.body.offsetHeight; await document.fonts.ready }")
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        "async ([context, options]) => await axe.run(context || document, options)",
        [context, AXE_OPTIONS],
    )
    return [
        f"{violation['id']} ({violation['impact']}): "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"])
        for violation in results["violations"]
        if violation["impact"] in AXE_FAILING_IMPACTS
    ]
