"""The benchmark's in-process steps, each run as `python -m bench.steps STEP ...` with
DJANGO_SETTINGS_MODULE=bench.settings and DATABASE_URL naming the benchmark's database:

    prepare           migrate and load the demo content
    articles N        bring the blog to N articles, fast, by copying a demo article
    measure DIR       uncached query count and CPU time of each page type; writes each
                      page's HTML under DIR (the static-file ceiling) and prints JSON
"""

import copy
import datetime
import json
import sys
import threading
import time
import uuid
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import django

PAGES_MEASURED = 20
# A page slower than this uncached is reported as such, not load-tested: sync workers
# would still be busy with it long after the load generator has stopped.
SLOW_SECONDS = 2
GIVE_UP_SECONDS = 10


def prepare():
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo_content", verbosity=0)


def copy_rows(model, rows, page_field, page_ids):
    copies = []
    for page_id in page_ids:
        for row in rows:
            clone = copy.copy(row)
            clone.pk = None
            setattr(clone, page_field, page_id)
            copies.append(clone)
    model.objects.bulk_create(copies, batch_size=1000)


def clone_rows(template, page_ids):
    """Copy the template article's inline rows (tags) and many-to-many rows
    (categories) onto each new article."""
    from modelcluster.fields import ParentalKey, ParentalManyToManyField

    for relation in template._meta.related_objects:
        if isinstance(relation.field, ParentalKey):
            model = relation.related_model
            rows = model.objects.filter(**{relation.field.name: template})
            copy_rows(model, list(rows), relation.field.attname, page_ids)
    for field in template._meta.many_to_many:
        if isinstance(field, ParentalManyToManyField):  # tags are inline rows, copied above
            through = field.remote_field.through
            source = field.m2m_field_name() + "_id"
            rows = through.objects.filter(**{source: template.pk})
            copy_rows(through, list(rows), source, page_ids)


def tree_step_number(step):
    """The number a step of a page's tree path stands for (treebeard's paths are
    fixed-width numbers in `Page.alphabet`, `Page.steplen` characters a level)."""
    from wagtail.models import Page

    number = 0
    for character in step:
        number = number * len(Page.alphabet) + Page.alphabet.index(character)
    return number


def tree_step(number):
    """A step of a page's tree path for `number`."""
    from wagtail.models import Page

    characters = ""
    while number:
        number, digit = divmod(number, len(Page.alphabet))
        characters = Page.alphabet[digit] + characters
    return characters.rjust(Page.steplen, Page.alphabet[0])


def add_articles(total):
    """Tree rows are written directly with treebeard's path arithmetic, in one
    transaction: tens of thousands of rows a second instead of a few per second."""
    from django.db import transaction
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from blog.models import BlogIndexPage, BlogPage

    index = BlogIndexPage.objects.get()
    template = BlogPage.objects.child_of(index).order_by("pk").first()
    existing = BlogPage.objects.child_of(index).count()
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    own_fields = [f for f in BlogPage._meta.local_concrete_fields if not f.primary_key]
    start = index.get_children().order_by("-path").first().path
    step = tree_step_number(start[-Page.steplen :])
    with transaction.atomic():
        pages = []
        for number in range(1, total - existing + 1):
            page = Page(**{f.attname: getattr(template, f.attname) for f in base_fields})
            page.title = page.draft_title = f"{template.title} (copy {number})"
            page.slug = f"{template.slug}-copy-{number}"
            page.url_path = f"{index.url_path}{page.slug}/"
            page.path = index.path + tree_step(step + number)
            page.translation_key = uuid.uuid4()
            page.latest_revision_id = page.live_revision_id = None
            page.has_unpublished_changes = False
            # Published one a day before the template, as dated: search lists by it.
            published = template.first_published_at - datetime.timedelta(days=number)
            page.first_published_at = page.last_published_at = published
            pages.append(page)
        Page.objects.bulk_create(pages, batch_size=1000)
        new_ids = list(
            Page.objects.filter(path__in=[p.path for p in pages]).values_list("pk", flat=True)
        )
        for number, page_id in enumerate(new_ids, start=1):
            article = BlogPage(page_ptr_id=page_id)
            for field in own_fields:
                setattr(article, field.attname, getattr(template, field.attname))
            article.date = template.date - datetime.timedelta(days=number)
            # Raw, like loading a fixture: the child table's row only.
            article.save_base(raw=True, force_insert=True)
        clone_rows(template, new_ids)
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(new_ids))
    get_search_backend().add_bulk(BlogPage, BlogPage.objects.filter(pk__in=new_ids))
    print(f"{BlogPage.objects.child_of(index).live().count()} articles", file=sys.stderr)


def page_urls():
    from blog.models import BlogCategory, BlogIndexPage, BlogPage
    from forms.models import ContactFormPage
    from services.models import ServicePage

    index = BlogIndexPage.objects.get()
    article = BlogPage.objects.live().order_by("pk").first()
    category = BlogCategory.objects.filter(blogpage__pk=article.pk).first()
    return {
        "home": "/",
        "blog index p1": index.url,
        "blog index p50": f"{index.url}?page=50",
        "article": article.url,
        "category": f"{index.url}category/{category.slug}/",
        "service": ServicePage.objects.live().order_by("pk").first().url,
        "contact GET": ContactFormPage.objects.live().get().url,
        "search": "/search/?query=recovery",
    }


def serve(application, url):
    """The status and body of `url`, requested as a WSGI server requests it: the
    request ends when the response is closed, and Django then closes or keeps its
    database connection as the settings say (the test client always keeps it)."""
    path, _, query = url.partition("?")
    environ = {"PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": "127.0.0.1"}
    setup_testing_defaults(environ)
    started = {}
    response = application(environ, lambda status, headers: started.update(status=status))
    try:
        body = b"".join(response)
    finally:
        response.close()
    return int(started["status"].split()[0]), body


def serve_within(application, url, seconds):
    """`serve(application, url)`, or None when the database is still busy after
    `seconds`."""
    from django.db import OperationalError, connections

    database = connections["default"]
    timer = threading.Timer(
        seconds, lambda: database.connection and database.connection.interrupt()
    )
    timer.start()
    try:
        return serve(application, url)
    except OperationalError:
        return None
    finally:
        timer.cancel()


def measure(out_dir):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newunity.wsgi import application  # as gunicorn serves it

    results = {}
    for name, url in page_urls().items():
        started = time.monotonic()
        first = serve_within(application, url, GIVE_UP_SECONDS)  # renditions, caches
        if first is None:
            results[name] = {"url": url, "slow": f"> {GIVE_UP_SECONDS} s"}
            continue
        seconds = time.monotonic() - started
        repeats = PAGES_MEASURED if seconds < SLOW_SECONDS else 1
        with CaptureQueriesContext(connection) as queries:
            status, content = serve(application, url)
        query_count = len(queries.captured_queries)
        started = time.process_time()
        for _ in range(repeats):
            serve(application, url)
        cpu_ms = (time.process_time() - started) * 1000 / repeats
        html = Path(out_dir) / (name.replace(" ", "-") + ".html")
        html.write_bytes(content)
        results[name] = {
            "url": url,
            "status": status,
            "queries": query_count,
            "cpu_ms": round(cpu_ms, 2),
            "bytes": len(content),
            "static": html.name,
            "slow": f"{seconds:.1f} s" if repeats == 1 else "",
        }
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    django.setup()
    step, *args = sys.argv[1:]
    if step == "prepare":
        prepare()
    elif step == "articles":
        add_articles(int(args[0]))
    elif step == "measure":
        measure(args[0])
    else:
        sys.exit(f"unknown step {step}")
