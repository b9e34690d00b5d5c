"""Accessibility scans with axe-core, injected from the local npm package."""

from pathlib import Path

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# "minor" and "moderate" findings are left to review; these two fail a test.
FAILING_IMPACTS = {"serious", "critical"}


def assert_accessible(page):
    """Run axe-core on the page as it is now; fail on any serious or critical violation.

    The script is injected inline, which our Content-Security-Policy blocks unless the
    browser context was created with `bypass_csp=True` (see conftest.py).
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=AXE_JS)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    violations = [v for v in results["violations"] if v["impact"] in FAILING_IMPACTS]
    assert not violations, f"axe-core found accessibility problems on {page.url}:\n" + "\n".join(
        describe(violation) for violation in violations
    )


def describe(violation):
    nodes = "\n".join(
        f"    {' '.join(node['target'])}: {node['failureSummary']}".replace("\n", "\n      ")
        for node in violation["nodes"]
    )
    return (
        f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"  {violation['helpUrl']}\n{nodes}"
    )
