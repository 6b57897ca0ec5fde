"""`{% load pictures %}`: Wagtail's `{% picture %}` tag, with its image filters built
once per template instead of on every render."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from wagtail.images import get_image_model

from tests.factories import make_image

PICTURE = '{% picture photo format-{avif,jpeg} width-{120,240} sizes="50vw" alt="" %}'


def render(library, picture=PICTURE, **context):
    return Template("{% load " + library + " %}" + picture).render(Context(context))


@pytest.mark.django_db
def test_the_markup_is_wagtails_own():
    photo = make_image(size=(400, 300))
    ours = render("pictures", photo=photo)
    assert ours == render("wagtailimages_tags", photo=photo)
    assert ours.startswith("<picture>") and 'type="image/avif"' in ours


@pytest.mark.django_db
def test_the_assignment_form_works_too():
    photo = make_image(size=(400, 300))
    assigned = "{% picture photo width-{120,240} as pic %}<p>{{ pic }}</p>"
    ours = render("pictures", assigned, photo=photo)
    assert ours == render("wagtailimages_tags", assigned, photo=photo)
    assert 'width="120"' in ours


@pytest.mark.django_db
def test_a_missing_image_renders_nothing():
    assert render("pictures", photo=None) == ""


def test_bad_filter_specs_are_refused_as_wagtail_refuses_them():
    with pytest.raises(TemplateSyntaxError, match="filter specs"):
        Template("{% load pictures %}{% picture photo width-{1,2}! %}")


@pytest.mark.django_db
def test_each_render_reuses_the_filters(monkeypatch):
    template = Template("{% load pictures %}" + PICTURE)
    used = []
    get_renditions = get_image_model().get_renditions

    def recording_get_renditions(image, *filters):
        used.append(filters)
        return get_renditions(image, *filters)

    monkeypatch.setattr(get_image_model(), "get_renditions", recording_get_renditions)
    for size in [(400, 300), (300, 400)]:
        template.render(Context({"photo": make_image(size=size)}))

    first, second = used
    assert [spec.spec for spec in first] == [
        "format-avif|width-120",
        "format-avif|width-240",
        "format-jpeg|width-120",
        "format-jpeg|width-240",
    ]
    assert all(a is b for a, b in zip(first, second, strict=True))
