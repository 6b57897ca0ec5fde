from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from base.page_cache import GENERATION_KEY, page_cache, start_new_generation


class Command(BaseCommand):
    help = (
        "Make every page and fragment the page cache holds stale, on every server: each "
        "is rendered afresh on its next request."
    )

    def handle(self, *args, **options):
        reason = ""
        try:
            generation = start_new_generation()
            # Read back: a cache server that cannot be reached drops the write silently.
            cleared = page_cache().get(GENERATION_KEY) == generation
        except Exception as error:
            cleared, reason = False, f": {error}"
        if not cleared:
            raise CommandError(
                f'The page cache ("{settings.PAGE_CACHE_ALIAS}") cannot be reached, so '
                f"nothing was cleared{reason}"
            )
        self.stdout.write("Page cache cleared: every page will be rendered afresh.")
