from django.apps import AppConfig


class BaseConfig(AppConfig):
    """What every app of the site shares: the page base, body blocks, site settings and
    menus, structured data, the page cache and the security headers. Depends on no
    other app of the project."""

    name = "base"
    verbose_name = "Site-wide settings and menus"

    def ready(self):
        from . import page_cache_signals

        page_cache_signals.connect()
