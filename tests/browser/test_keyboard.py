"""Keyboard use: every control reachable in reading order (header, main,
footer), focus always visible, the skip link works, and the phone menu opens
and closes from the keyboard."""

from scripts.reader_pages import load_demo_site, open_reader_page, reader_pages, reader_tab
from tests.conftest import require

# Where the focused element sits, in the order a reader meets the page's parts.
FOCUS_INFO = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  window.seenElements = window.seenElements || new Map();
  if (!window.seenElements.has(el)) window.seenElements.set(el, window.seenElements.size);
  const parts = ['.skip-link', '.crisis-notice', '.site-header', 'main', '.site-footer'];
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    key: window.seenElements.get(el),
    label: el.outerHTML.slice(0, 120),
    part: parts.findIndex(selector => el.closest(selector)),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
  };
}"""

# How many Tab stops the page should have: every focusable control, with each
# group of radio buttons counting once (its buttons are chosen with arrow keys).
TAB_STOP_COUNT = """() => {
  const controls = [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, iframe, [tabindex]'
  )].filter(el => !el.disabled && el.tabIndex >= 0 && el.checkVisibility());
  const radios = controls.filter(el => el.type === 'radio');
  return controls.length - radios.length + new Set(radios.map(el => el.name)).size;
}"""


def focus_visibly(page):
    """Press Tab; the newly focused element's details, after checking its focus shows."""
    page.keyboard.press("Tab")
    info = page.evaluate(FOCUS_INFO)
    if info is not None:
        assert info["outline"] or info["shadow"], f"no visible focus on {info['label']}"
        assert info["onScreen"], f"focused element off screen: {info['label']}"
    return info


def tab_through(page):
    """Every Tab stop once, in order from the top of the page, wherever focus started
    (a form with errors focuses its error summary)."""
    stops, left_page = [], 0
    for _ in range(300):
        info = focus_visibly(page)
        if info is None:
            left_page += 1
            if left_page > 1:
                break
        elif stops and info["key"] in {stop["key"] for stop in stops}:
            break
        else:
            stops.append(info)
    else:
        raise AssertionError("Tab never came back round")
    first = next(index for index, stop in enumerate(stops) if stop["part"] == 0)
    return stops[first:] + stops[:first]


def test_skip_link_is_first_and_moves_focus_to_main(browser, live_server):
    load_demo_site()
    with reader_tab(browser, live_server) as page:
        page.goto("/")
        first = focus_visibly(page)
        assert page.evaluate("document.activeElement.className") == "skip-link"
        assert first["onScreen"]
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        # The next Tab continues from the main content, not from the top.
        assert focus_visibly(page)["part"] >= 3


def test_tab_order_runs_header_main_footer_with_visible_focus(browser, live_server, subtests):
    load_demo_site()
    with reader_tab(browser, live_server) as page:
        for reader_page in reader_pages():
            with subtests.test(msg=reader_page.name):
                require(reader_page.path is not None, reader_page.missing_reason)
                open_reader_page(page, reader_page)
                stops = tab_through(page)
                parts = [stop["part"] for stop in stops]
                assert -1 not in parts, f"focusable outside every landmark: {stops}"
                assert parts == sorted(parts), f"focus jumps back: {parts}"
                assert len(stops) == page.evaluate(TAB_STOP_COUNT)


def test_phone_menu_opens_and_closes_from_the_keyboard(browser, live_server):
    load_demo_site()
    with reader_tab(browser, live_server, "phone") as page:
        page.goto("/")
        links = page.locator(".site-nav a")
        require(links.count() > 0, "the main menu has no links yet")
        toggle = page.locator(".site-nav__toggle")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert toggle.get_attribute("aria-controls") == page.locator(".site-nav").get_attribute(
            "id"
        )
        assert not links.first.is_visible()

        while page.evaluate("document.activeElement.className") != "site-nav__toggle":
            assert focus_visibly(page)["part"] <= 2, "Tab passed the menu button"
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
        for index in range(links.count()):
            focus_visibly(page)
            assert links.nth(index).evaluate("link => link === document.activeElement")
            assert links.nth(index).is_visible()

        page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.className") == "site-nav__toggle"
        assert not links.first.is_visible()
        page.keyboard.press("Space")
        assert toggle.get_attribute("aria-expanded") == "true"


def test_phone_menu_is_shown_without_javascript(browser, live_server):
    load_demo_site()
    with reader_tab(browser, live_server, "phone", java_script_enabled=False) as page:
        page.goto("/")
        links = page.locator(".site-nav a")
        require(links.count() > 0, "the main menu has no links yet")
        assert page.locator(".site-nav__toggle").count() == 0
        assert all(link.is_visible() for link in links.all())
