"""`manage.py import_articles`: the old site's articles brought in as articles of the blog.
docs/importing.md says how to save the old site and review what this makes."""

import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from base.models import SiteSettings
from blog.importing import (
    NEEDS_DESCRIPTION_TAG,
    ImportProblem,
    NotAnArticle,
    Resolver,
    body_blocks,
    first_paragraph_text,
    image_from_bytes,
    old_path,
    read_saved_page,
    read_wxr,
    summary_from,
)
from blog.models import Author, BlogCategory, BlogIndexPage, BlogPage

HTML_SUFFIXES = {".html", ".htm"}
WXR_NAMESPACE = b"wordpress.org/export/"


@dataclass
class Result:
    outcome: str  # created, updated, unchanged or kept
    page: BlogPage
    notes: list
    seconds: float
    waiting: bool = False  # it points to an article of this run not made yet


class Rollback(Exception):
    """Raised inside a dry run's transaction so that nothing it made is kept."""


class DatabaseResolver(Resolver):
    """Links, related articles, images and the contact page, found in the database (and,
    for articles of the same run not made yet, remembered for a second pass)."""

    def __init__(self, importer):
        super().__init__()
        self.importer = importer
        self.waiting = False  # something pointed to an article of this run not made yet

    def page_for(self, href):
        """The id of the article `href` (an old address) now is, or None."""
        path = old_path(href)
        found = (
            Redirect.objects.filter(old_path=path, redirect_page__isnull=False)
            .values_list("redirect_page_id", flat=True)
            .first()
        )
        if found:
            return found
        if path in self.importer.batch and not self.importer.dry_run:
            self.waiting = True
        elif path in self.importer.batch:
            return 0  # a dry run makes nothing: it will exist
        return None

    def is_old_site(self, href):
        host = urlsplit(href).netloc
        return not host or host in self.importer.old_hosts

    def link(self, href):
        if href.startswith(("mailto:", "tel:")) or not self.is_old_site(href):
            return {"href": href}
        page_id = self.page_for(href)
        if page_id:
            return {"linktype": "page", "id": str(page_id)}
        if old_path(href) not in self.importer.batch:
            self.notes.append(
                f"The link to {old_path(href)} on the old site is kept as it was: check that "
                "it still leads somewhere."
            )
        return {"href": href}

    def related(self, href, title):
        if self.is_old_site(href):
            page_id = self.page_for(href)
            if page_id is not None:
                return page_id
        by_title = (
            BlogPage.objects.filter(title__iexact=title.strip())
            .values_list("pk", flat=True)
            .first()
        )
        if by_title:
            return by_title
        if title.strip().lower() in self.importer.batch_titles:
            if self.importer.dry_run:
                return 0
            self.waiting = True
        return None

    def image(self, src, alt, article):
        found = self.importer.find_image_file(src, article)
        if found is None:
            return None
        if self.importer.dry_run:
            return 0
        image = image_from_bytes(
            found.read_bytes(), found.name, alt, needs_review_tag=NEEDS_DESCRIPTION_TAG
        )
        return image.pk

    def contact_page(self):
        settings = SiteSettings.for_site(self.importer.site)
        return settings.contact_page_id


class Importer:
    def __init__(self, index, *, dry_run, publish, media, roots, write, overwrite=False):
        self.index = index
        self.site = index.get_site()
        self.dry_run = dry_run
        self.publish = publish
        self.overwrite = overwrite
        self.media = [Path(folder) for folder in media]
        self.roots = roots
        self.write = write
        self.batch = {}
        self.batch_titles = set()
        self.old_hosts = set()
        self.counts = {"created": 0, "updated": 0, "unchanged": 0, "kept": 0, "failed": 0}

    # -- finding things

    def set_batch(self, articles):
        self.batch = {old_path(a.old_url): a for a in articles if a.old_url}
        self.batch_titles = {a.title.lower() for a in articles}
        self.old_hosts = {urlsplit(a.old_url).netloc for a in articles} - {""}

    def find_image_file(self, src, article):
        """The saved file of the picture at `src`, beside the page or in a media folder."""
        parts = urlsplit(src)
        path = Path(unquote(parts.path).lstrip("/"))  # saved as "coffee cups.jpg", not %20
        if not path.name:
            return None
        candidates = []
        for root in [*self.roots, *self.media]:
            candidates += [root / path, root / parts.netloc / path]
            if "uploads" in path.parts:
                after = path.parts[path.parts.index("uploads") + 1 :]
                candidates.append(root.joinpath(*after))
        if article.folder:
            # Beside the page, in a folder named after it as browsers save them
            # ("Page_files/photo.jpg"), or at the end of its address.
            candidates += [article.folder.joinpath(*path.parts[i:]) for i in range(len(path.parts))]
        candidates += [root / path.name for root in self.media]
        return next((c for c in candidates if c.is_file()), None)

    def existing(self, article):
        """The article made from `article`'s old address by an earlier run, if any."""
        if not article.old_url:
            return None
        page_id = (
            Redirect.objects.filter(old_path=old_path(article.old_url))
            .values_list("redirect_page_id", flat=True)
            .first()
        )
        page = BlogPage.objects.filter(pk=page_id).first() if page_id else None
        if page is None:
            # An old address that is the new one too needs no redirect: found by address.
            page = BlogPage.objects.filter(
                url_path=f"{self.index.url_path}{article.slug}/",
            ).first()
            if page and old_path(article.old_url) != self.address(page):
                page = None
        return page

    # -- importing

    def run(self, articles):
        self.set_batch(articles)
        waiting = []
        for article in articles:
            result = self.import_one(article)
            if result and result.waiting:
                waiting.append((article, result))
            elif result:
                self.report(article, result)
        # Links to articles of this run made after the one linking to them: they exist now.
        for article, first in waiting:
            second = self.import_one(article)
            if second:
                self.report(
                    article,
                    Result(
                        first.outcome, second.page, second.notes, first.seconds + second.seconds
                    ),
                )

    def import_one(self, article):
        """Import `article` in a transaction of its own: a `Result`, or None when it failed
        (and is reported)."""
        started = time.perf_counter()
        resolver = DatabaseResolver(self)
        try:
            with transaction.atomic():
                outcome, page, notes = self.save(article, resolver)
                if self.dry_run:
                    raise Rollback
        except Rollback:
            pass
        except ImportProblem as problem:
            self.fail(article.source, str(problem))
            return None
        except Exception as error:  # anything else: reported by file, the rest goes on
            self.fail(article.source, f"{type(error).__name__}: {error}")
            return None
        return Result(outcome, page, notes, time.perf_counter() - started, resolver.waiting)

    def report(self, article, result):
        self.counts[result.outcome] += 1
        page = result.page
        state = "live" if page.live else "draft"
        verb = f"would be {result.outcome}" if self.dry_run else result.outcome
        self.write(
            f"{verb}: “{page.title}” ({state}) {self.address(page)}/"
            + (f" ← {old_path(article.old_url)}" if article.old_url else "")
            + f"  [{article.source}, {result.seconds:.2f} s]"
        )
        for note in result.notes:
            self.write(f"    simplified: {note}")

    def address(self, page):
        """The new article's address on its site, as the redirects app writes addresses."""
        url_path = f"{self.index.url_path}{page.slug}/"
        return old_path("/" + url_path.removeprefix(self.site.root_page.url_path))

    def fail(self, source, reason):
        self.counts["failed"] += 1
        self.write(f"FAILED: {source}: {reason}. Nothing was made from it.")

    def save(self, article, resolver):
        blocks, notes = body_blocks(article, resolver)
        if not blocks:
            raise ImportProblem("the article has no text once the theme's parts are left out")
        summary = article.summary or summary_from(first_paragraph_text(blocks))
        if not summary:
            summary = article.title
            notes.append("No first paragraph to make a summary from: the title stands in.")
        page = self.existing(article)
        fields = {
            "title": article.title,
            "date": article.date,
            "summary": summary_from(summary),
            "author": self.author(article.author),
            "body": blocks,
        }
        categories = [self.category(name) for name in article.categories]
        missing_description = any(
            block["type"] == "image" and not block["value"]["image"]["alt_text"] for block in blocks
        )
        publish = self.publish and not missing_description
        if self.publish and missing_description:
            notes.append("Left as a draft: an image needs a description before publishing.")

        if page is None:
            page = BlogPage(slug=self.free_slug(article.slug), live=False, **fields)
            page.categories = categories
            page.tags.set(article.tags)
            if self.dry_run:
                return "created", page, notes
            self.index.add_child(instance=page)
            outcome = "created"
        else:
            latest = page.get_latest_revision()
            if latest and latest.user_id and not self.overwrite:
                notes.append(
                    "Edited in the admin since it was imported, so left as it is "
                    "(--overwrite replaces it with the old site's text)."
                )
                return "kept", page, notes
            draft = page.get_latest_revision_as_object()
            if self.same(draft, fields, categories, article.tags):
                if publish and (not page.live or page.has_unpublished_changes):
                    page.get_latest_revision().publish()
                    page.refresh_from_db()
                    return "updated", page, notes
                return "unchanged", page, notes
            for name, value in fields.items():
                setattr(draft, name, value)
            draft.categories = categories
            draft.tags.set(article.tags)
            page = draft
            outcome = "updated"
            if self.dry_run:
                return outcome, page, notes
        revision = page.save_revision(log_action=True)
        if publish:
            revision.publish()
            page.refresh_from_db()
        if article.old_url and old_path(article.old_url) != self.address(page):
            Redirect.objects.update_or_create(
                old_path=old_path(article.old_url),
                site=self.site,
                defaults={"redirect_page": page, "redirect_link": "", "is_permanent": True},
            )
        return outcome, page, notes

    def same(self, draft, fields, categories, tags):
        body = [(child["type"], child["value"]) for child in draft.body.raw_data]
        return (
            draft.title == fields["title"]
            and draft.date == fields["date"]
            and draft.summary == fields["summary"]
            and draft.author_id == (fields["author"] and fields["author"].pk)
            and body == [(block["type"], block["value"]) for block in fields["body"]]
            and {c.pk for c in draft.categories.all()} == {c.pk for c in categories}
            and {t.name for t in draft.tags.all()} == set(tags)
        )

    def author(self, name):
        if not name:
            return None
        author = Author.objects.filter(name__iexact=name).first()
        if author is None and not self.dry_run:
            author = Author.objects.create(name=name)
        return author

    def category(self, name):
        slug = slugify(name)[:80]
        category = BlogCategory.objects.filter(slug=slug).first()
        if category is None:
            category = BlogCategory(name=name[:80], slug=slug)
            if not self.dry_run:
                category.save()
        return category

    def free_slug(self, slug):
        taken = set(self.index.get_children().values_list("slug", flat=True))
        candidate, number = slug, 2
        while candidate in taken:
            candidate = f"{slug}-{number}"
            number += 1
        return candidate


class Command(BaseCommand):
    help = (
        "Import articles from the old site's saved pages (HTML files or folders, as saved "
        "by `wget --mirror`) or from a WordPress export (.xml), as drafts of the blog."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="HTML files, folders or WordPress exports.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be made; make nothing."
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the articles (default: drafts)."
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Also replace articles edited in the admin since they were imported.",
        )
        parser.add_argument(
            "--media",
            action="append",
            default=[],
            help="A folder holding the old site's pictures (e.g. a copy of wp-content/uploads).",
        )
        parser.add_argument(
            "--blog",
            help="The id of the blog to import into, when the site has more than one.",
        )

    def handle(self, *args, **options):
        index = self.blog_index(options["blog"])
        articles, roots = [], []
        failures = []
        for name in options["paths"]:
            path = Path(name)
            if not path.exists():
                raise CommandError(f"{name}: no such file or folder.")
            roots.append(path if path.is_dir() else path.parent)
            for source in self.sources(path):
                try:
                    if source.suffix.lower() == ".xml":
                        found, passed_over = read_wxr(source)
                        articles += found
                        for item, reason in passed_over:
                            self.stdout.write(f"passed over: {item}: {reason}")
                    else:
                        articles.append(
                            read_saved_page(source, root=path if path.is_dir() else None)
                        )
                except NotAnArticle as reason:
                    self.stdout.write(f"passed over: {source}: {reason}")
                except (ImportProblem, OSError) as problem:
                    failures.append((str(source), str(problem)))
        importer = Importer(
            index,
            dry_run=options["dry_run"],
            publish=options["publish"],
            media=options["media"],
            roots=roots,
            write=self.stdout.write,
            overwrite=options["overwrite"],
        )
        mode = "published" if options["publish"] else "drafts"
        self.stdout.write(
            f"{'Dry run: nothing will be saved. ' if options['dry_run'] else ''}"
            f"{len(articles)} articles into “{index.title}” ({index.url}), as {mode}."
        )
        for source, reason in failures:
            importer.fail(source, reason)
        started = time.perf_counter()
        importer.run(unique_by_address(articles, importer))
        counts = importer.counts
        self.stdout.write(
            f"Done{' (dry run: nothing saved)' if options['dry_run'] else ''} in "
            f"{time.perf_counter() - started:.1f} s: {counts['created']} created, "
            f"{counts['updated']} updated, {counts['unchanged']} unchanged, "
            f"{counts['kept']} kept as edited in the admin, "
            f"{counts['failed']} failed."
        )
        if counts["failed"]:
            raise CommandError(
                f"{counts['failed']} could not be imported (see FAILED above); everything else was."
            )

    def sources(self, path):
        """The files to read: `path`, or in a folder its saved pages and WordPress exports
        (not the sitemaps and feeds a mirror holds too)."""
        if path.is_file():
            return [path]
        found = []
        for file in sorted(path.rglob("*")):
            suffix = file.suffix.lower()
            if not file.is_file():
                continue
            if suffix in HTML_SUFFIXES or (suffix == ".xml" and is_wordpress_export(file)):
                found.append(file)
        return found

    def blog_index(self, blog_id):
        indexes = BlogIndexPage.objects.all()
        if blog_id:
            indexes = indexes.filter(pk=blog_id)
        index = indexes.first()
        if index is None:
            raise CommandError("There is no blog to import into: create the blog page first.")
        return Page.objects.get(pk=index.pk).specific


def is_wordpress_export(path):
    with path.open("rb") as file:
        return WXR_NAMESPACE in file.read(4096)


def unique_by_address(articles, importer):
    """One article per old address: a page saved twice (`index.html` and `index.html?p=1`)."""
    seen, kept = set(), []
    for article in articles:
        key = old_path(article.old_url) if article.old_url else id(article)
        if key in seen:
            importer.write(f"passed over: {article.source}: same address as another file")
            continue
        seen.add(key)
        kept.append(article)
    return kept
