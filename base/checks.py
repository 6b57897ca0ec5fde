"""System checks (`manage.py check`, run before the server starts and by `migrate`) of the
conventions the project's code relies on."""

import sysconfig
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import checks
from wagtail.models import get_page_models

from .pages import SitePageMixin


def project_app_labels():
    """The labels of the apps whose code lives in the project, not in an installed package."""
    project = Path(settings.BASE_DIR).resolve()
    installed = [Path(sysconfig.get_path(name)).resolve() for name in ("purelib", "platlib")]
    labels = set()
    for app_config in apps.get_app_configs():
        path = Path(app_config.path).resolve()
        if path.is_relative_to(project) and not any(path.is_relative_to(p) for p in installed):
            labels.add(app_config.label)
    return labels


def check_page_models(app_configs=None, page_models=None, **kwargs):
    """Every page type of the project's apps builds on `base.pages.SitePageMixin`: without
    it, a page is routed and checked for privacy with queries the others spare, and has no
    summary for its cards, search results and meta description. `page_models`: those to
    check, rather than every page type Wagtail knows."""
    labels = project_app_labels()
    if app_configs is not None:
        labels &= {app_config.label for app_config in app_configs}
    return [
        checks.Error(
            f"The page type {model.__name__} does not build on base.pages.SitePageMixin.",
            hint=f"Declare it as `class {model.__name__}(SitePageMixin, Page)`.",
            obj=model,
            id="base.E001",
        )
        for model in (get_page_models() if page_models is None else page_models)
        if model._meta.app_label in labels and not issubclass(model, SitePageMixin)
    ]


def check_tasks_run_outside_requests(app_configs=None, **kwargs):
    """In production, background tasks (notification emails, image renditions) go to the
    worker: run inside the request, a mail server that accepts connections and never
    answers holds every contact post for EMAIL_TIMEOUT seconds."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != "django_tasks.backends.immediate.ImmediateBackend":
        return []
    return [
        checks.Warning(
            "Background tasks run inside each request (the immediate task backend).",
            hint="Set TASKS_BACKEND=database and run `manage.py db_worker` (docs/deploy.md).",
            id="base.W001",
        )
    ]
