"""Django's `migrate`, which also creates the SQLite file: the site opens it only
if it exists (newunity/settings/base.py), so that no web request ever makes an empty
database where the real one went missing."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections


def sqlite_path(name):
    """The file a SQLite database name points at: a `file:` URI or a plain path."""
    name = str(name)
    return Path(unquote(urlsplit(name).path) if name.startswith("file:") else name)


class Command(MigrateCommand):
    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if connection.vendor == "sqlite" and not connection.is_in_memory_db():
            path = sqlite_path(connection.settings_dict["NAME"])
            if not path.exists():
                self.stdout.write(f"Creating the SQLite database {path}")
                path.touch()
        return super().handle(*args, **options)
