"""The SQLite file, which the site opens but never creates (newunity/settings/base.py):
only `manage.py migrate` makes it. A file deleted while the site runs is noticed at the
next request, instead of each kept connection writing on into the deleted file."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.db import connections


def sqlite_file(connection):
    """The file of a SQLite connection (a `file:` URI or a plain path), else None."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return None
    name = str(connection.settings_dict["NAME"])
    return Path(unquote(urlsplit(name).path) if name.startswith("file:") else name)


def sqlite_file_missing(connection):
    path = sqlite_file(connection)
    return path is not None and not path.exists()


def close_connections_to_missing_files(**kwargs):
    """At the start of each request: a kept connection to a SQLite file that was deleted
    still reads and writes the deleted file, and all it writes would be lost. Closed, the
    next query fails to open the file, and says so."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None and sqlite_file_missing(connection):
            connection.close()
