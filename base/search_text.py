"""Search text as the search backends can take it, whatever was typed: the site search
(search/views.py) and every search box of the admin (AdminSearchTextMiddleware)."""

import unicodedata

from django.contrib import messages

from .security import ADMIN_PATH_PREFIX

# Long enough for any honest question; longer queries only cost the database (and past a
# few hundred words, SQLite's query builder runs out of stack).
MAX_QUERY_LENGTH = 100


def plain_query(text):
    """What someone typed, as the search backends can take it: without control
    characters (a NUL breaks SQLite and PostgreSQL), and without its double quotes when
    they do not pair up, as an unclosed phrase is a syntax error to SQLite's full-text
    search."""
    text = "".join(" " if unicodedata.category(char) == "Cc" else char for char in text)
    if text.count('"') % 2:
        text = text.replace('"', " ")
    return " ".join(text.split())


def shortened(query):
    """`query` cut to MAX_QUERY_LENGTH characters, at a space where there is one."""
    if len(query) <= MAX_QUERY_LENGTH:
        return query
    cut = query[: MAX_QUERY_LENGTH + 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_QUERY_LENGTH]).strip()


class AdminSearchTextMiddleware:
    """Every admin search box sends its text as `q` (images, documents, pages, snippets,
    the contact inbox, users, the choosers): it reaches the view as plain_query() makes
    it, and a very long one is shortened, with a message saying so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET.get("q")
        if query and request.path_info.startswith(ADMIN_PATH_PREFIX):
            plain = plain_query(query)
            if len(plain) > MAX_QUERY_LENGTH:
                plain = shortened(plain)
                messages.warning(
                    request,
                    f"Searches are limited to {MAX_QUERY_LENGTH} characters: "
                    f"this one was shortened to “{plain}”.",
                )
            if plain != query:
                request.GET = request.GET.copy()
                request.GET["q"] = plain
        return self.get_response(request)
