from django.apps import AppConfig
from django.core.checks import Tags, register


class BaseConfig(AppConfig):
    """What every app of the site shares: the page base, body blocks, site settings and
    menus, structured data, the page cache and the security headers. Depends on no
    other app of the project."""

    name = "base"
    verbose_name = "Site-wide settings and menus"

    def ready(self):
        from django.core.signals import request_started

        from . import checks, database, page_cache_signals

        page_cache_signals.connect()
        request_started.connect(
            database.close_connections_to_missing_files, dispatch_uid="sqlite_file_missing"
        )
        register(checks.check_page_models, Tags.models)
        register(checks.check_tasks_run_outside_requests, "tasks", deploy=True)
