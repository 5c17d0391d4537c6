"""axe-core, from the pinned npm package, run inside the page under test."""

from pathlib import Path

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 levels A and AA, as axe-core tags them (2.2 adds only AA rules at these levels).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe's best-practice rules that Lighthouse's accessibility score also counts: checked on every
# page type here, so a skipped heading level fails in the browser suite, not only in Lighthouse.
EXTRA_RULES = ["heading-order", "empty-heading", "page-has-heading-one", "landmark-one-main", "skip-link", "tabindex"]


def axe_violations(page):
    """The axe-core violations on the page as loaded. The page's context must bypass the CSP
    (axe is injected as an inline script, which the site's policy rightly refuses)."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(
        "async ([tags, extra]) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " rules: Object.fromEntries(extra.map(id => [id, {enabled: true}])), resultTypes: ['violations']}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')), count: v.nodes.length}))",
        [WCAG_TAGS, EXTRA_RULES],
    )


def describe(violations):
    return "\n".join(
        f"- {violation['id']} ({violation['impact']}, {violation['count']} node(s)): {violation['help']}; "
        f"e.g. {', '.join(violation['targets'])}"
        for violation in violations
    )


def focus_indicator(page):
    """How the focused element shows focus: its outline and box-shadow, as computed."""
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            return {
                tag: element.tagName.toLowerCase(),
                text: (element.innerText || element.value || element.getAttribute('aria-label') || '').trim(),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
                shadow: style.boxShadow !== 'none',
                background: style.backgroundColor,
            };
        }"""
    )
