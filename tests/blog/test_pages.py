import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from blog.models import BlogIndexPage, BlogPage
from home.models import HomePage, StandardPage
from tests.factories import make_article, make_blog_index, make_image


class TestWherePagesMayBeCreated(WagtailPageTestCase):
    @pytest.fixture(autouse=True)
    def blog_index(self, home_page):
        self.index = make_blog_index(home_page)

    def test_blog_index_lives_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(BlogIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, BlogIndexPage)
        self.assertCanNotCreateAt(StandardPage, BlogIndexPage)
        self.assertCanNotCreateAt(Page, BlogIndexPage)

    def test_articles_live_under_the_blog_index_and_have_no_children(self):
        self.assertAllowedParentPageTypes(BlogPage, {BlogIndexPage})
        self.assertAllowedSubpageTypes(BlogIndexPage, {BlogPage})
        self.assertAllowedSubpageTypes(BlogPage, set())
        self.assertCanNotCreateAt(HomePage, BlogPage)

    def test_an_editor_can_write_an_article_in_the_admin(self):
        self.login()
        other = make_article(self.index, "Boost your mental health")
        cta = {
            "heading": "Reach out",
            "text": "",
            "button_text": "Read on",
            "button_page": other.pk,
            "button_url": "",
            "show_contact_details": True,
        }
        self.assertCanCreate(
            self.index,
            BlogPage,
            nested_form_data(
                {
                    "title": "Finding your people",
                    "slug": "finding-your-people",
                    "summary": "How groups help.",
                    "body": streamfield(
                        [
                            ("quote", {"text": "It helped.", "attribution": ""}),
                            ("heading", {"text": "Why groups work", "level": "h2"}),
                            (
                                "paragraph",
                                rich_text("<p><b>Consistent presence:</b> every week.</p>"),
                            ),
                            ("related", {"article": other.pk}),
                            ("call_to_action", cta),
                        ]
                    ),
                    "tags": "groups, hope",
                    "chosen_articles": streamfield([("article", other.pk)]),
                }
            ),
        )
        article = BlogPage.objects.get(slug="finding-your-people")
        assert article.related_article_ids() == [other.pk]
        assert article.body[3].value["article"].specific == other
        assert article.body[4].value["button_page"].specific == other


def test_posted_date_defaults_to_the_day_of_first_publication(blog_index):
    draft = make_article(blog_index, date=None, live=False)
    assert draft.date is None
    draft.save_revision().publish()
    draft.refresh_from_db()
    assert draft.date == timezone.localdate(draft.first_published_at)
    # The editor's form, built from the latest revision, shows that date too.
    assert draft.get_latest_revision_as_object().date == draft.date


def test_posted_date_stays_as_the_editor_set_it(blog_index):
    article = make_article(blog_index, date=datetime.date(2024, 3, 9))
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.date == datetime.date(2024, 3, 9)


def article_form(article, **fields):
    """The editor's form for `article`, as the browser posts it."""
    return nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": article.summary,
            "body": streamfield([("paragraph", rich_text("<p>Words.</p>"))]),
            "tags": "",
            "chosen_articles": streamfield([]),
            **fields,
        }
    )


def body_image(image, alt_text="", decorative=False):
    return (
        "image",
        {
            "image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative},
            "caption": "",
        },
    )


def test_a_draft_saves_without_alt_text_and_publishing_links_to_the_image(admin_client, blog_index):
    article = make_article(blog_index, "Finding your people")
    image = make_image("Park bench", description="")
    url = f"/admin/pages/{article.pk}/edit/"
    form = article_form(article, feature_image=image.pk)

    assert admin_client.post(url, form).status_code == 302  # Save draft
    article.refresh_from_db()
    assert article.get_latest_revision_as_object().feature_image == image

    response = admin_client.post(url, {**form, "action-publish": "action-publish"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This image has no alt text yet." in html
    assert f'<a href="/admin/images/{image.pk}/" target="_blank">' in html
    article.refresh_from_db()
    assert article.feature_image is None  # still the published version

    image.description = "Two people talking on a park bench."
    image.save()
    assert admin_client.post(url, {**form, "action-publish": "action-publish"}).status_code == 302
    article.refresh_from_db()
    assert article.feature_image == image


def test_a_body_image_needs_alt_text_or_to_be_marked_decorative_to_publish(
    admin_client, blog_index
):
    article = make_article(blog_index, "Finding your people")
    image = make_image("Park bench", description="")
    url = f"/admin/pages/{article.pk}/edit/"
    without = article_form(article, body=streamfield([body_image(image)]))
    publish = {"action-publish": "action-publish"}

    assert admin_client.post(url, without).status_code == 302  # Save draft
    response = admin_client.post(url, {**without, **publish})
    assert response.status_code == 200
    assert "Please add some alt text for your image or mark it as decorative" in (
        response.content.decode()
    )

    decorative = article_form(article, body=streamfield([body_image(image, decorative=True)]))
    assert admin_client.post(url, {**decorative, **publish}).status_code == 302
    described = article_form(article, body=streamfield([body_image(image, "A park bench.")]))
    assert admin_client.post(url, {**described, **publish}).status_code == 302
    article.refresh_from_db()
    assert article.body[0].value["image"].contextual_alt_text == "A park bench."


def test_at_most_three_articles_may_be_chosen_to_suggest(blog_index):
    field = BlogPage._meta.get_field("chosen_articles")
    four = field.to_python([("article", make_article(blog_index)) for _ in range(4)])
    with pytest.raises(ValidationError):
        field.stream_block.clean(four)
    assert len(field.stream_block.clean(four[:3])) == 3


def test_a_chosen_article_deleted_since_does_not_stop_the_page_being_saved(blog_index):
    gone = make_article(blog_index)
    article = make_article(blog_index, related=[gone])
    gone.delete()
    # The editor's form gets the choice as an empty chooser, and sends it back so.
    stream = BlogPage.objects.get(pk=article.pk).chosen_articles
    field = BlogPage._meta.get_field("chosen_articles")
    article.chosen_articles = field.stream_block.clean(stream)
    article.save_revision().publish()
    assert BlogPage.objects.get(pk=article.pk).related_article_ids() == []


def test_editors_see_each_article_field_with_its_help_text_and_what_was_chosen(
    admin_client, blog_index
):
    linked = make_article(blog_index, "Linked from the body")
    chosen = make_article(blog_index, "Chosen to suggest")
    article = make_article(blog_index, body=[("related", {"article": linked.pk})], related=[chosen])
    response = admin_client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Linked from the body" in html and "Chosen to suggest" in html
    for field in (
        "date",
        "author",
        "summary",
        "feature_image",
        "body",
        "categories",
        "tags",
        "chosen_articles",
    ):
        help_text = str(BlogPage._meta.get_field(field).help_text)
        assert help_text and help_text.split("<")[0][:40] in html, field
    for tab in ("Content", "Promote", "Settings"):
        assert tab in html
    # Labels written for people; one name for the body's link and one for the suggestions.
    for label in ("Button address", "Link to an article", "Suggested reading", "Alt text"):
        assert label in html, label
    for label in ("Button url", "Show in menus", "Related articles"):
        assert label not in html, label


def test_snippets_are_listed_in_the_admin(admin_client, db):
    for model in ("author", "blogcategory"):
        assert admin_client.get(f"/admin/snippets/blog/{model}/").status_code == 200
