"""Moving through a page as a keyboard-only reader does."""

MAX_TABS = 40


def tab_to(page, *, text=None, name=None):
    """Press Tab until the focused element shows `text` (a link or button) or is the form
    control called `name`; fail if it never is."""
    expression, wanted = (
        ("document.activeElement.name", name)
        if name is not None
        else ("document.activeElement.textContent.trim()", text)
    )
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(expression) == wanted:
            return
    raise AssertionError(f"{wanted!r} cannot be reached with the Tab key")
