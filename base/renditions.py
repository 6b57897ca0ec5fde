"""Image renditions made in the background when a page is published, so that the
first reader does not wait for images to be resized and encoded.

The templates are the one place that says which renditions exist (`{% picture %}`
with its sizes and formats), so the task renders the pages a newly published page
shows up on: the page itself, its parent listing and the home page. Rendering
creates exactly the renditions those templates ask for, no more, no fewer.
"""

from django.contrib.contenttypes.models import ContentType
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex


def uses_images(page):
    image_type = ContentType.objects.get_for_model(get_image_model())
    references = ReferenceIndex.get_references_for_object(page)
    return references.filter(to_content_type=image_type).exists()


@task()
def generate_page_renditions(page_id):
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None or not uses_images(page):
        return
    shown_on = [page, page.get_parent().specific]
    site = page.get_site()
    if site is not None:  # a page outside every site is shown on no home page
        shown_on.append(site.root_page.specific)
    for target in dict.fromkeys(shown_on):
        if target.live and target.get_url_parts() is not None:
            # As a reader without cookies sees it, through Wagtail's own dummy request.
            target.make_preview_request()
