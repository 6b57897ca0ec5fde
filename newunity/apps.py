from django.apps import AppConfig


class NewUnityConfig(AppConfig):
    """Site-wide behaviour that belongs to no single content app: the page cache's
    invalidation and the image renditions made when a page is published."""

    name = "newunity"
    verbose_name = "New Unity site"

    def ready(self):
        from . import page_cache_signals

        page_cache_signals.connect()
