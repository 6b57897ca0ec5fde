"""Statistics on the text the site's search looks through, for PostgreSQL's planner.

A search tests each page's index entry against `title || body`. Without statistics on
that expression PostgreSQL guesses that 1 entry in 200 matches, and when many match
(a word most articles use) it compares every page with every match: 9 seconds a
search at 10,000 articles, against a third of a second with them. Autovacuum keeps
them current as entries change. SQLite's search has its own index and needs none.
"""

from django.db import migrations

STATISTICS = "wagtailsearch_indexentry_text"


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    schema_editor.execute(f"CREATE STATISTICS {STATISTICS} ON ((title || body)) FROM {table}")
    schema_editor.execute(f"ANALYZE {table}")


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_body_page_links"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_statistics, drop_statistics)]
