from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from base.page_cache import start_new_generation


class Command(BaseCommand):
    help = (
        "Make every page and fragment the page cache holds stale, on every server: each "
        "is rendered afresh on its next request."
    )

    def handle(self, *args, **options):
        try:
            start_new_generation()
        except Exception as error:
            raise CommandError(
                f'The page cache ("{settings.PAGE_CACHE_ALIAS}") cannot be reached, so '
                f"nothing was cleared: {error}"
            ) from error
        self.stdout.write("Page cache cleared: every page will be rendered afresh.")
