"""axe-core on every reader page type, on a desktop and a phone screen: no
violation of the WCAG 2.0, 2.1 and 2.2 level A and AA rules, and text contrast
at level AAA (7:1) as the design promises."""

from pathlib import Path

import axe_playwright_python

from scripts.reader_pages import load_demo_site, open_reader_page, reader_pages, reader_tab
from tests.conftest import require

AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
# Each viewport once; the phone in the dark scheme, so both schemes' contrast is checked.
SCREENS = [("desktop", "light"), ("phone", "dark")]
WCAG_A_AND_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page, enhanced_contrast=True):
    """WCAG A and AA violations on `page`, with AAA contrast too for reader pages (the
    admin's own colours are Wagtail's: `enhanced_contrast=False` there). Read once every
    finite animation and transition has ended (or two seconds have passed): a colour
    caught fading in is not the one readers are left with."""
    page.evaluate(
        """() => Promise.race([
          Promise.all(document.getAnimations()
            .filter(animation => animation.effect.getComputedTiming().iterations !== Infinity)
            .map(animation => animation.finished.catch(() => null))),
          new Promise(resolve => setTimeout(resolve, 2000)),
        ])"""
    )
    page.add_script_tag(path=AXE_SCRIPT)
    return page.evaluate(
        """([tags, enhanced]) => axe.run(document, {
          runOnly: {type: 'tag', values: tags},
          rules: {'color-contrast-enhanced': {enabled: enhanced}},
          resultTypes: ['violations'],
        }).then(results => results.violations)""",
        [WCAG_A_AND_AA, enhanced_contrast],
    )


def describe(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in violations
    )


def test_reader_pages_have_no_wcag_a_or_aa_violations(browser, live_server, subtests):
    load_demo_site()
    for viewport, colour_scheme in SCREENS:
        with reader_tab(browser, live_server, viewport, color_scheme=colour_scheme) as page:
            for reader_page in reader_pages():
                with subtests.test(msg=f"{viewport}, {colour_scheme}: {reader_page.name}"):
                    require(reader_page.path is not None, reader_page.missing_reason)
                    open_reader_page(page, reader_page)
                    violations = axe_violations(page)
                    assert not violations, f"{reader_page.path}:\n{describe(violations)}"
