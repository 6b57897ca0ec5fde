"""Django's `migrate`, which also creates the SQLite file: the site opens it only
if it exists (newunity/settings/base.py), so that no web request ever makes an empty
database where the real one went missing."""

from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections

from base.database import sqlite_file


class Command(MigrateCommand):
    def execute(self, *args, **options):
        # Before the system checks, some of which open the database.
        path = sqlite_file(connections[options["database"]])
        if path is not None and not path.exists():
            path.touch()
        return super().execute(*args, **options)
