from django.apps import AppConfig
from django.core.checks import Tags, register


class BaseConfig(AppConfig):
    """What every app of the site shares: the page base, body blocks, site settings and
    menus, structured data, the page cache and the security headers. Depends on no
    other app of the project."""

    name = "base"
    verbose_name = "Site-wide settings and menus"

    def ready(self):
        from . import checks, page_cache_signals

        page_cache_signals.connect()
        register(checks.check_page_models, Tags.models)
        register(checks.check_tasks_run_outside_requests, "tasks", deploy=True)
