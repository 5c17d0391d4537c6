"""axe-core, from the pinned npm package, run inside the page under test."""

from pathlib import Path

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 levels A and AA, as axe-core tags them (2.2 adds only AA rules at these levels).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page):
    """The axe-core violations on the page as loaded. The page's context must bypass the CSP
    (axe is injected as an inline script, which the site's policy rightly refuses)."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')), count: v.nodes.length}))",
        WCAG_TAGS,
    )


def describe(violations):
    return "\n".join(
        f"- {violation['id']} ({violation['impact']}, {violation['count']} node(s)): {violation['help']}; "
        f"e.g. {', '.join(violation['targets'])}"
        for violation in violations
    )
