"""`manage.py check` fails for a page type of the project that does not build on
SitePageMixin, which every page type relies on for its routing, privacy and summary."""

import wagtail.models
from django.core import checks
from django.test.utils import isolate_apps
from wagtail.models import Page

from base.checks import check_page_models
from base.pages import SitePageMixin


def errors_for(page_models=None):
    return [
        (error.obj, error.id)
        for error in check_page_models(page_models=page_models)
        if error.id == "base.E001"
    ]


@isolate_apps("home")
def test_a_page_type_without_the_mixin_fails_the_check():
    class LeafletPage(Page):
        class Meta:
            app_label = "home"

    class PosterPage(SitePageMixin, Page):
        class Meta:
            app_label = "home"

    try:
        assert errors_for([LeafletPage, PosterPage]) == [(LeafletPage, "base.E001")]
        # As `manage.py check` runs it, over every page type Wagtail knows.
        found = checks.run_checks(tags=[checks.Tags.models])
        assert [error.obj for error in found if error.id == "base.E001"] == [LeafletPage]
    finally:
        # Wagtail lists every page type it has seen: these are gone with the test.
        for model in (LeafletPage, PosterPage):
            wagtail.models.PAGE_MODEL_CLASSES.remove(model)


def test_the_projects_own_page_types_and_wagtails_pass():
    assert errors_for() == []
    assert not [error for error in checks.run_checks() if error.id == "base.E001"]
