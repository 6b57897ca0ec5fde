"""Articles written elsewhere, turned into an article's blocks (base/blocks.py): the saved
pages of the old site, a WordPress export (WXR) and Word documents. `manage.py
import_articles` and the "Import from a Word document" button of the article editor both
come here, so that both make the same blocks from the same markup.

Reading never touches the database: what a block points to (another article, an image,
the contact page) is asked of a `Resolver`, which the caller provides."""

import datetime
import hashlib
import io
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.conf import settings
from django.core.files.images import ImageFile
from django.utils.html import escape
from django.utils.text import Truncator, slugify

HEADING_MAX = 120  # base.blocks.HeadingBlock
QUOTE_MAX = 600  # base.blocks.QuoteBlock
CTA_TEXT_MAX = 500  # base.blocks.CallToActionBlock
SUMMARY_MAX = 300  # blog.models.BlogPage.summary
# Images brought in without a description carry this tag, for staff to find under Images.
NEEDS_DESCRIPTION_TAG = "needs description"

CLOUDFLARE_PATH = "/cdn-cgi/l/email-protection"
PROTECTED_EMAIL_TEXT = re.compile(r"\[\s*email\s*(?:&#160;|\xa0|\s)\s*protected\s*\]", re.I)

# The old theme's parts that are not the article: left out wherever they are.
CHROME_SELECTORS = [
    "script",
    "style",
    "noscript",
    "template",
    "form",
    "nav",
    "button",
    "input",
    "select",
    "textarea",
    "#comments",
    "#respond",
    ".comments-area",
    ".comment-respond",
    ".comment-list",
    ".sharedaddy",
    "[class*=share]",
    "[class*=social]",
    ".addtoany_share_save_container",
    ".jp-relatedposts",
    ".post-navigation",
    ".nav-links",
    ".navigation",
    ".widget",
    ".screen-reader-text",
    ".skip-link",
    ".breadcrumbs",
]
# Where the article itself is, most precise first.
CONTENT_SELECTORS = [
    ".entry-content",
    ".post-content",
    ".article-content",
    ".post-body",
    "article",
    "[role=main]",
    "main",
    "#content",
]
# Outside the article (when no element above holds it), the page's frame is left out too.
FRAME_TAGS = ["header", "footer", "aside"]

RELATED_LINE = re.compile(r"^\s*(?:related(?:\s+(?:article|post|reading))?|see also)\s*:", re.I)
POSTED_LINE = re.compile(r"^\s*(?:posted|published)\s+(?:on\s+)?", re.I)
CTA_HEADING = re.compile(
    r"reach\s+out|get\s+in\s+touch|contact\s+us|talk\s+to\s+(?:us|someone)|need\s+help", re.I
)
CTA_CLASS = re.compile(r"\b(?:cta|call-to-action|reach-out|get-in-touch|contact-box)\b", re.I)
ATTRIBUTION_LINE = re.compile(r"^\s*[—–-]{1,2}\s*(?P<who>\S.*)$")
QUOTE_MARKS = "\"'“”‘’«»„ "

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
DATE_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # September 17th, 2025
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),  # 17 September 2025
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),  # 2025-09-17
    re.compile(r"\b(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})\b"),  # 09/17/2025
]


class ImportProblem(Exception):
    """A source that cannot be imported, with the reason in plain words."""


class NotAnArticle(ImportProblem):
    """A saved page that is no article: the home page, a listing, "About us"..."""


# WordPress names the kind of page in the <body>'s classes.
WORDPRESS_ARTICLE = {"single-post", "single"}
WORDPRESS_OTHER = {
    "home",
    "blog",
    "archive",
    "category",
    "tag",
    "author",
    "date",
    "search",
    "error404",
    "page",
}


# ---------------------------------------------------------------------------- small helpers


def decode_cloudflare_email(encoded):
    """The address behind Cloudflare's email protection: hex pairs, the first of which is
    the key every other byte is XOR-ed with. None when `encoded` is not such a string."""
    try:
        data = bytes.fromhex(encoded)
    except ValueError:
        return None
    if len(data) < 2:
        return None
    key = data[0]
    try:
        address = bytes(byte ^ key for byte in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return address if "@" in address else None


def parse_date(text):
    """The first date written in `text` in a common English form, or None."""
    for pattern in DATE_PATTERNS:
        match = pattern.search(text or "")
        if not match:
            continue
        month = match["month"]
        month = int(month) if month.isdigit() else MONTHS[month.lower()]
        try:
            return datetime.date(int(match["year"]), month, int(match["day"]))
        except ValueError:
            continue
    return None


def clean_text(text):
    return re.sub(r"\s+", " ", text or "").strip()


def summary_from(text, limit=SUMMARY_MAX):
    """`text` cut cleanly to fit a summary: whole sentences when they fit, else whole words."""
    text = clean_text(text)
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    kept = ""
    for sentence in sentences:
        if len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}".strip()
    return kept or Truncator(text).chars(limit, truncate="…")


def old_path(url):
    """An address's path, as the redirects app stores and matches it."""
    from wagtail.contrib.redirects.models import Redirect

    return Redirect.normalise_path(url)


# ---------------------------------------------------------------------------- what is read


@dataclass
class Article:
    source: str  # the file (and item) it came from, for the report
    title: str
    old_url: str = ""
    slug: str = ""
    date: datetime.date | None = None
    author: str = ""
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    summary: str = ""
    html: str = ""  # the article's own markup, the theme's parts left out
    base_url: str = ""  # what the article's relative links are relative to
    folder: Path | None = None  # where its saved images are
    notes: list = field(default_factory=list)  # what the reading left out or changed


# ---------------------------------------------------------------------------- saved pages


def read_saved_page(path, root=None):
    """An `Article` from a page of the old site saved as HTML (in any encoding): its
    title, date, author, categories and tags, and the article's own markup."""
    path = Path(path)
    raw = path.read_bytes()
    if not raw.strip():
        raise ImportProblem("the file is empty")
    soup = BeautifulSoup(raw, "lxml")  # lxml mends unclosed and misnested tags
    notes = []
    if soup.original_encoding and soup.original_encoding.lower() not in {"utf-8", "ascii"}:
        notes.append(f"Read as {soup.original_encoding} (the file is not UTF-8).")

    canonical = soup.find("link", rel="canonical") or soup.find("meta", property="og:url")
    old_url = ""
    if canonical:
        old_url = canonical.get("href") or canonical.get("content") or ""
    if not old_url:
        old_url = saved_from(soup) or address_from_path(path, root)

    decode_protected_emails(soup)
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()

    content = next(
        (found for selector in CONTENT_SELECTORS if (found := soup.select_one(selector))),
        None,
    )
    article_root = soup.find("article") or content or soup.body or soup
    title_tag = article_root.find("h1") or soup.find("h1")
    title = clean_text(title_tag.get_text()) if title_tag else ""
    if not title:
        og_title = soup.find("meta", property="og:title")
        title = clean_text(og_title.get("content")) if og_title else ""
    if not title and soup.title:
        title = re.split(r"\s+[|–—-]\s+", clean_text(soup.title.get_text()))[0]
    if not title:
        raise ImportProblem("no title found (no <h1>, og:title or <title>)")

    date = None
    time_tag = article_root.find("time", datetime=True) or soup.find("time", datetime=True)
    if time_tag:
        date = parse_date(time_tag["datetime"]) or parse_date(time_tag.get_text())
    meta_date = soup.find("meta", property="article:published_time")
    if date is None and meta_date:
        date = parse_date(meta_date.get("content"))
    if date is None:
        posted = soup.find(string=POSTED_LINE)
        date = parse_date(posted.parent.get_text(" ") if posted else "")
    check_is_article(soup, date)

    author = ""
    author_meta = soup.find("meta", attrs={"name": "author"})
    author_link = article_root.select_one("a[rel~=author], .author .fn, .byline .author")
    if author_link:
        author = clean_text(author_link.get_text())
    elif author_meta:
        author = clean_text(author_meta.get("content"))
    categories = unique_texts(article_root.select("a[rel~=category]"))
    tags = unique_texts(article_root.select("a[rel~=tag]:not([rel~=category])"))

    description = soup.find("meta", attrs={"name": "description"}) or soup.find(
        "meta", property="og:description"
    )
    summary = clean_text(description.get("content")) if description else ""

    if content is None:
        content = soup.body or soup
        for frame in content.find_all(FRAME_TAGS):
            frame.decompose()
    else:
        for part in content.find_all(["header", "footer"]):
            part.decompose()
    for selector in CHROME_SELECTORS:
        for chrome in content.select(selector):
            chrome.decompose()
    for heading in content.find_all("h1"):
        if clean_text(heading.get_text()) == title:
            heading.decompose()
    for line in content.find_all(string=POSTED_LINE):
        holder = line.find_parent(["p", "div", "span", "time"]) or line
        if len(clean_text(holder.get_text())) < 80:
            holder.extract()

    return Article(
        source=str(path),
        title=title[:255],
        old_url=old_url,
        slug=slug_from(old_url, title),
        date=date,
        author=author,
        categories=categories,
        tags=tags,
        summary=summary,
        html=content.decode_contents() if isinstance(content, Tag) else str(content),
        base_url=old_url,
        folder=path.parent,
        notes=notes,
    )


def check_is_article(soup, date):
    """Raise NotAnArticle for the pages `wget --mirror` saves beside the articles."""
    classes = set(soup.body.get("class") or []) if soup.body else set()
    if classes & WORDPRESS_ARTICLE:
        return
    if classes & WORDPRESS_OTHER:
        raise NotAnArticle("not an article (the old site marks it as a listing or a page)")
    articles = len(soup.find_all("article"))
    if articles > 1:
        raise NotAnArticle(f"not an article (a listing of {articles})")
    if date is None:
        raise NotAnArticle("not an article (no posted date found)")


SAVED_FROM = re.compile(r"saved from url=\(\d+\)(https?://\S+)")


def saved_from(soup):
    """The address a browser's "Save page as" noted at the top of the file (`<!-- saved
    from url=(0052)https://... -->`), or ""."""
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        if match := SAVED_FROM.search(comment):
            return match[1]
    return ""


def address_from_path(path, root):
    """The old address of a saved page with no canonical link, from where it was saved:
    `wget --mirror` keeps the site's host as the first folder, then the address's path."""
    path = Path(path).resolve()
    root = Path(root).resolve() if root else path.parent
    try:
        parts = list(path.relative_to(root).parts)
    except ValueError:
        parts = [path.name]
    if parts and "." in parts[0] and len(parts) > 1:
        parts = parts[1:]
    if parts and parts[-1] in {"index.html", "index.htm"}:
        return "/" + "/".join(parts[:-1]) + "/"
    return "/" + "/".join(parts)


def slug_from(url, title):
    segments = [unquote(part) for part in urlsplit(url).path.split("/") if part]
    if segments and segments[-1] in {"index.html", "index.htm"}:
        segments.pop()
    last = re.sub(r"\.html?$", "", segments[-1]) if segments else ""
    return (slugify(last) or slugify(title))[:255] or "article"


def unique_texts(tags):
    seen = []
    for tag in tags:
        text = clean_text(tag.get_text())
        if text and text not in seen:
            seen.append(text)
    return seen


def decode_protected_emails(soup):
    """Cloudflare's email protection undone: links to /cdn-cgi/l/email-protection#<hex>
    become mailto: links, and `[email protected]` placeholders the address again."""
    for holder in soup.select("[data-cfemail]"):
        address = decode_cloudflare_email(holder["data-cfemail"])
        if address:
            holder.replace_with(address)
    for link in soup.find_all("a", href=True):
        href = link["href"]
        if CLOUDFLARE_PATH not in href:
            continue
        address = decode_cloudflare_email(urlsplit(href).fragment)
        if address:
            link["href"] = f"mailto:{address}"
            for text in link.find_all(string=PROTECTED_EMAIL_TEXT):
                text.replace_with(PROTECTED_EMAIL_TEXT.sub(address, text))


# ---------------------------------------------------------------------------- WordPress


def local_name(tag):
    return tag.rsplit("}", 1)[-1]


def child_text(element, name, namespace_word=None):
    for child in element:
        if local_name(child.tag) == name and (
            namespace_word is None or namespace_word in child.tag
        ):
            return child.text or ""
    return ""


def read_wxr(path):
    """The posts of a WordPress export (WXR): `Article`s for those published, and the
    reason each other item was passed over."""
    try:
        tree = ElementTree.parse(path)
    except ElementTree.ParseError as error:
        raise ImportProblem(f"not a readable WordPress export ({error})") from error
    channel = tree.getroot().find("channel")
    if channel is None:
        raise ImportProblem("not a WordPress export (no <channel>)")
    authors = {
        child_text(author, "author_login"): child_text(author, "author_display_name")
        for author in channel
        if local_name(author.tag) == "author"
    }
    articles, passed_over = [], []
    for number, item in enumerate(channel.findall("item"), start=1):
        title = clean_text(child_text(item, "title"))
        name = f"{path} (item {number}: {title or 'untitled'})"
        kind = child_text(item, "post_type", "wordpress.org")
        status = child_text(item, "status", "wordpress.org")
        if kind != "post":
            continue  # pages, attachments, menu items: not articles
        if status != "publish":
            passed_over.append((name, f"its status is “{status}”, not published"))
            continue
        if not title:
            passed_over.append((name, "it has no title"))
            continue
        old_url = child_text(item, "link")
        categories = [
            clean_text(c.text) for c in item.findall("category") if c.get("domain") == "category"
        ]
        tags = [
            clean_text(c.text) for c in item.findall("category") if c.get("domain") == "post_tag"
        ]
        login = child_text(item, "creator")
        html = wordpress_paragraphs(child_text(item, "encoded", "content"))
        soup = BeautifulSoup(html, "html.parser")
        decode_protected_emails(soup)
        articles.append(
            Article(
                source=name,
                title=title[:255],
                old_url=old_url,
                slug=slugify(unquote(child_text(item, "post_name", "wordpress.org")))
                or slug_from(old_url, title),
                date=parse_date(child_text(item, "post_date", "wordpress.org")),
                author=authors.get(login) or login,
                categories=[c for c in dict.fromkeys(categories) if c != "Uncategorized"],
                tags=list(dict.fromkeys(tags)),
                summary=clean_text(child_text(item, "encoded", "excerpt")),
                html=str(soup),
                base_url=old_url,
                folder=Path(path).parent,
            )
        )
    return articles, passed_over


BLOCK_START = re.compile(
    r"^\s*<(?:p|h[1-6]|ul|ol|li|blockquote|div|figure|table|pre|hr|section|img)\b", re.I
)


def wordpress_paragraphs(html):
    """WordPress's classic editor keeps paragraphs as blank lines, not <p>: add them."""
    if re.search(r"<p[\s>]", html, re.I):
        return html
    chunks = re.split(r"\n\s*\n", html.strip())
    return "\n".join(
        chunk if BLOCK_START.match(chunk) else "<p>" + chunk.replace("\n", "<br>") + "</p>"
        for chunk in chunks
        if chunk.strip()
    )


# ---------------------------------------------------------------------------- Word documents


@dataclass
class Document:
    title: str
    html: str
    images: dict  # "docx-image-N" -> (bytes, file name, alt text)


WORD_STYLES = """
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => p:fresh
"""


def read_word_document(file):
    """A .docx as HTML (mammoth), its pictures kept aside for the image library."""
    import mammoth

    images = {}

    def keep_image(image):
        key = f"docx-image-{len(images) + 1}"
        extension = (image.content_type or "image/png").split("/")[-1]
        with image.open() as stream:
            images[key] = (stream.read(), f"{key}.{extension}", image.alt_text or "")
        return {"src": key}

    try:
        result = mammoth.convert_to_html(
            file, style_map=WORD_STYLES, convert_image=mammoth.images.img_element(keep_image)
        )
    except Exception as error:  # a broken zip, a file that is not Word's: the reason varies
        raise ImportProblem(
            "this file could not be read as a Word document (.docx). In Word or Google "
            "Docs, choose File, then Download or Save As, then “Word document (.docx)”."
        ) from error
    soup = BeautifulSoup(result.value, "html.parser")
    heading = soup.find("h1")
    title = clean_text(heading.get_text()) if heading else ""
    if heading:
        heading.decompose()
    return Document(title=title[:255], html=str(soup), images=images)


# ---------------------------------------------------------------------------- conversion

INLINE_KEPT = {"b": "b", "strong": "b", "i": "i", "em": "i"}
INLINE_UNWRAPPED = {"span", "font", "small", "big", "abbr", "time", "label", "cite", "q", "mark"}
INLINE_PLAIN = {"u", "s", "strike", "del", "ins", "sub", "sup", "code", "kbd", "tt", "var"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CONTAINERS = {
    "div",
    "section",
    "article",
    "main",
    "center",
    "header",
    "footer",
    "aside",
    "body",
    "html",
    "dl",
    "dd",
    "dt",
    "details",
    "summary",
    "address",
}


class Resolver:
    """What the blocks point to. This one points nowhere: links stay as written, and
    images, related articles and the contact page are not found. What it says about them
    goes in `notes`, for the report."""

    def __init__(self):
        self.notes = []

    def link(self, href):
        """The rich-text <a> attributes for `href` (an article of the site, or as is)."""
        return {"href": href}

    def related(self, href, title):
        """The id of the article "Related: <a href>title</a>" means, or None."""
        return None

    def image(self, src, alt, article):
        """The id of the image library's copy of `src`, or None when it cannot be found."""
        return None

    def contact_page(self):
        return None


class Converter:
    """An article's markup as the body's blocks (raw StreamField data), with a note for
    each thing made simpler."""

    def __init__(self, resolver, article):
        self.resolver = resolver
        self.article = article
        self.blocks = []
        self.notes = list(article.notes)
        self.text = []  # rich text waiting to become a paragraph block
        self.simplified_tags = {}

    def convert(self, html):
        soup = BeautifulSoup(html, "lxml")
        self.walk(soup.body or soup)
        self.flush()
        for note in self.resolver.notes:
            self.note(note)
        for tag, count in self.simplified_tags.items():
            times = f" ({count} times)" if count > 1 else ""
            self.note(f"<{tag}> kept as plain text{times}.")
        return self.blocks, self.notes

    def note(self, text):
        if text not in self.notes:
            self.notes.append(text)

    # -- blocks

    def add(self, block_type, value):
        self.flush()
        self.blocks.append({"type": block_type, "value": value})

    def flush(self):
        html = "".join(self.text).strip()
        self.text = []
        if html:
            self.blocks.append({"type": "paragraph", "value": html})

    def walk(self, node):
        for child in list(node.children):
            self.block(child)

    def block(self, node):
        if isinstance(node, Comment):
            return
        if isinstance(node, NavigableString):
            if node.strip():
                self.text.append(f"<p>{escape(clean_text(node))}</p>")
            return
        if not isinstance(node, Tag):
            return
        name = node.name
        if name in HEADINGS:
            self.heading(node)
        elif name == "p":
            self.paragraph(node)
        elif name in {"ul", "ol"}:
            self.text.append(self.list_html(node))
        elif name == "blockquote":
            self.quote(node)
        elif name in {"img", "figure", "picture"}:
            self.images(node)
        elif name == "iframe":
            self.iframe(node)
        elif name == "table":
            self.table(node)
        elif name == "pre":
            self.note("Preformatted text kept as a plain paragraph.")
            self.text.append(f"<p>{escape(clean_text(node.get_text(' ')))}</p>")
        elif name == "hr":
            self.flush()
        elif name in CONTAINERS:
            if self.is_call_to_action(node):
                self.call_to_action(node)
            else:
                self.walk(node)
        elif name == "li":
            self.text.append(f"<ul>{self.list_item(node)}</ul>")
        elif name in {"br"}:
            return
        elif name in {"video", "audio", "object", "embed", "svg", "canvas", "map"}:
            self.note(f"A <{name}> element was left out: add it again by hand if needed.")
        else:  # inline markup at the top level: a paragraph of its own
            inline = self.inline(node)
            if inline.strip():
                self.text.append(f"<p>{inline}</p>")

    def heading(self, node):
        text = clean_text(node.get_text())
        if not text:
            return
        level = node.name
        if level in {"h4", "h5", "h6"}:
            self.note(f"Heading “{text}” ({level}) became a sub-section heading (h3).")
            level = "h3"
        elif level == "h1":
            self.note(f"Heading “{text}” (h1) became a section heading (h2).")
            level = "h2"
        if len(text) > HEADING_MAX:
            self.note(f"Heading “{text[:40]}…” is too long for a heading: kept as bold text.")
            self.text.append(f"<p><b>{escape(text)}</b></p>")
            return
        if node.find("a"):
            self.note(f"The link in heading “{text}” was left out (headings hold no links).")
        self.add("heading", {"text": text, "level": level})

    def paragraph(self, node):
        if self.is_call_to_action(node):
            return self.call_to_action(node)
        pictures = node.find_all(["img", "picture", "iframe"])
        for picture in pictures:
            picture.extract()
        text = clean_text(node.get_text())
        links = node.find_all("a", href=True)
        if RELATED_LINE.match(text) and len(links) == 1 and self.related(links[0]):
            pass
        elif text:
            inline = self.inline(node).strip()
            if inline:
                self.text.append(f"<p>{inline}</p>")
        for picture in pictures:
            self.block(picture)

    def related(self, link):
        title = clean_text(link.get_text())
        href = self.absolute(link["href"])
        article_id = self.resolver.related(href, title)
        if article_id is None:
            self.note(f"“Related: {title}”: no such article found, so it stays a plain link.")
            return False
        self.add("related", {"article": article_id})
        return True

    def quote(self, node):
        attribution = ""
        cite = node.find(["cite", "footer"])
        if cite:
            attribution = clean_text(cite.get_text()).lstrip("—–- ")
            cite.decompose()
        paragraphs = [clean_text(p.get_text()) for p in node.find_all("p")] or [
            clean_text(node.get_text())
        ]
        paragraphs = [p for p in paragraphs if p]
        if not attribution and len(paragraphs) > 1:
            match = ATTRIBUTION_LINE.match(paragraphs[-1])
            if match:
                attribution = match["who"]
                paragraphs.pop()
        if not paragraphs:
            return
        text = "\n\n".join(paragraphs).strip(QUOTE_MARKS)
        if len(text) > QUOTE_MAX:
            self.note(
                f"A quotation of {len(text)} characters is too long for a quote block: "
                "kept as text."
            )
            self.text.extend(f"<p><i>{escape(p)}</i></p>" for p in paragraphs)
            return
        if node.find("a"):
            self.note("A link inside a quotation was left out (quotes hold plain text).")
        self.add("quote", {"text": text, "attribution": attribution[:120]})

    def images(self, node):
        pictures = [node] if node.name == "img" else node.find_all("img")
        caption = node.find("figcaption") if node.name == "figure" else None
        caption_text = clean_text(caption.get_text()) if caption else ""
        for picture in pictures:
            src = picture.get("src") or picture.get("data-src") or ""
            if not src:
                continue
            alt = clean_text(picture.get("alt"))
            image_id = self.resolver.image(self.absolute(src), alt, self.article)
            if image_id is None:
                name = PurePosixPath(unquote(urlsplit(src).path)).name or src
                self.note(f"Image {name} was not found among the saved files: left out.")
                continue
            if not alt:
                self.note(
                    f"Image {PurePosixPath(urlsplit(src).path).name} has no description "
                    "(alt text): write one before publishing."
                )
            self.add(
                "image",
                {
                    "image": {"image": image_id, "decorative": False, "alt_text": alt},
                    "caption": caption_text[:250],
                },
            )
            caption_text = ""

    def iframe(self, node):
        from base.blocks import video_player

        src = node.get("src") or ""
        if src.startswith("//"):
            src = "https:" + src
        if video_player(src):
            title = clean_text(node.get("title")) or "Video"
            self.add("video", {"url": src.split("?")[0], "title": title[:120]})
        else:
            self.note(f"An embedded frame ({urlsplit(src).netloc or 'no address'}) was left out.")

    def table(self, node):
        self.note("A table became one paragraph per row.")
        for row in node.find_all("tr"):
            cells = [self.inline(cell).strip() for cell in row.find_all(["td", "th"])]
            cells = [cell for cell in cells if cell]
            if cells:
                self.text.append("<p>" + " — ".join(cells) + "</p>")

    # -- the call to action

    def is_call_to_action(self, node):
        classes = " ".join(node.get("class") or []) + " " + (node.get("id") or "")
        if CTA_CLASS.search(classes):
            return True
        if node.name == "p":
            return False
        # One heading inviting the reader, in a short box: not a wrapper of the article.
        heading = node.find(list(HEADINGS) + ["strong", "b"])
        return bool(
            heading
            and CTA_HEADING.search(heading.get_text())
            and len(node.find_all(list(HEADINGS))) <= 1
            and len(clean_text(node.get_text())) < 700
        )

    def call_to_action(self, node):
        heading_tag = node.find(list(HEADINGS)) or node.find(["strong", "b"])
        heading = clean_text(heading_tag.get_text()) if heading_tag else "Reach out"
        if heading_tag:
            heading_tag.decompose()
        link = next(
            (
                a
                for a in node.find_all("a", href=True)
                if not a["href"].startswith(("tel:", "mailto:"))
            ),
            None,
        )
        button_text = clean_text(link.get_text()) if link else ""
        for a in node.find_all("a"):
            a.decompose()
        lines = [clean_text(part.get_text(" ")) for part in node.find_all(["p", "li"])] or [
            clean_text(node.get_text(" "))
        ]
        text = " ".join(line for line in lines if re.search(r"\w", line))
        text = re.sub(r"\s+([.,;:!?])", r"\1", text)
        contact_page = self.resolver.contact_page()
        value = {
            "heading": heading[:HEADING_MAX],
            "text": Truncator(text).chars(CTA_TEXT_MAX, truncate="…"),
            "button_text": (button_text or "Contact us")[:60] if contact_page else "",
            "button_page": contact_page,
            "button_url": "",
            "show_contact_details": True,
        }
        self.note(
            f"The “{heading}” box became a call to action"
            + (
                " leading to the contact page"
                if contact_page
                else " (no contact page is chosen in the site settings, so it has no button)"
            )
            + ", with the phone number and email address from the site settings."
        )
        self.add("call_to_action", value)

    # -- rich text

    def list_html(self, node):
        tag = "ol" if node.name == "ol" else "ul"
        items = "".join(self.list_item(item) for item in node.find_all("li", recursive=False))
        return f"<{tag}>{items}</{tag}>" if items else ""

    def list_item(self, item):
        nested = "".join(
            self.list_html(sub) for sub in item.find_all(["ul", "ol"], recursive=False)
        )
        for sub in item.find_all(["ul", "ol"], recursive=False):
            sub.extract()
        inline = self.inline(item).strip()
        return f"<li>{inline}{nested}</li>" if inline or nested else ""

    def inline(self, node):
        parts = []
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                parts.append(escape(re.sub(r"\s+", " ", str(child))))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            inner = self.inline(child)
            if name in INLINE_KEPT:
                if inner.strip():
                    tag = INLINE_KEPT[name]
                    parts.append(f"<{tag}>{inner}</{tag}>")
                else:
                    parts.append(inner)
            elif name == "a":
                parts.append(self.link(child, inner))
            elif name == "br":
                parts.append("<br/>")
            elif name in {"p", "div", "li"}:
                parts.append((" " if parts else "") + inner)
            elif name in {"img", "picture", "iframe", "script", "style"}:
                continue
            else:
                if name not in INLINE_UNWRAPPED:
                    self.simplified_tags[name] = self.simplified_tags.get(name, 0) + 1
                parts.append(inner)
        return "".join(parts)

    def link(self, node, inner):
        href = (node.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")) or not inner.strip():
            return inner
        if not href.startswith(("mailto:", "tel:")):
            href = self.absolute(href)
        attributes = self.resolver.link(href)
        if attributes is None:
            return inner
        rendered = " ".join(f'{key}="{escape(value)}"' for key, value in attributes.items())
        return f"<a {rendered}>{inner}</a>"

    def absolute(self, href):
        if self.article.base_url and not href.startswith(("mailto:", "tel:", "docx-image-")):
            return urljoin(self.article.base_url, href)
        return href


def body_blocks(article, resolver):
    """`article`'s body as raw StreamField data, and notes on what was made simpler."""
    return Converter(resolver, article).convert(article.html)


def first_paragraph_text(blocks):
    for block in blocks:
        if block["type"] == "paragraph":
            text = clean_text(BeautifulSoup(block["value"], "html.parser").get_text(" "))
            if text and not RELATED_LINE.match(text):
                return text
    return ""


# ---------------------------------------------------------------------------- images


def image_from_bytes(content, name, alt, *, collection=None, user=None, needs_review_tag=""):
    """The image library's copy of `content`: the one already there with the same
    contents, or a new one described by `alt`. An image with no description is tagged
    `needs_review_tag`, for staff to find under Images."""
    from PIL import Image as PillowImage
    from PIL import UnidentifiedImageError
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    Image = get_image_model()
    file_hash = hashlib.sha1(content).hexdigest()
    existing = Image.objects.filter(file_hash=file_hash).order_by("pk").first()
    if existing:
        if alt and not existing.description:
            existing.description = alt[:255]
            existing.save(update_fields=["description"])
        return existing
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    too_large = (
        f"the image {name} is too large: the site takes pictures of up to {limit / 1e6:g} "
        "million pixels. Save a smaller copy (most photo apps can resize or export at a "
        "smaller size) and use that."
    )
    try:
        with PillowImage.open(io.BytesIO(content)) as picture:
            picture.verify()
            width, height = picture.size
    except PillowImage.DecompressionBombError as error:
        raise ImportProblem(too_large) from error
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ImportProblem(f"the image {name} is damaged or not a picture.") from error
    if limit and width * height > limit:
        raise ImportProblem(too_large)
    title = alt or re.sub(r"[-_]+", " ", Path(name).stem).strip().capitalize() or name
    image = Image(
        title=title[:255],
        description=alt[:255],
        file=ImageFile(io.BytesIO(content), name=name),
        file_hash=file_hash,
        collection=collection or Collection.get_first_root_node(),
        uploaded_by_user=user,
    )
    image.save()
    if not alt and needs_review_tag:
        image.tags.add(needs_review_tag)
    return image


class DocumentResolver(Resolver):
    """For a Word document uploaded in the editor: its pictures go to the image library,
    "Related:" links find the article of that title, the call to action the contact page
    of `site`."""

    def __init__(self, document, user, site):
        super().__init__()
        self.document = document
        self.user = user
        self.site = site

    def image(self, src, alt, article):
        if src not in self.document.images:
            return None
        content, name, embedded_alt = self.document.images[src]
        image = image_from_bytes(
            content,
            name,
            alt or embedded_alt,
            user=self.user,
            needs_review_tag=NEEDS_DESCRIPTION_TAG,
        )
        return image.pk

    def related(self, href, title):
        from django.apps import apps

        articles = apps.get_model("blog", "BlogPage").objects
        return articles.filter(title__iexact=title.strip()).values_list("pk", flat=True).first()

    def contact_page(self):
        from base.models import SiteSettings

        return SiteSettings.for_site(self.site).contact_page_id if self.site else None


def fill_from_document(page, document, user, site):
    """`page` (an article) filled from a Word `document`: title, address, summary and
    body. Returns the notes on what was made simpler."""
    article = Article(source="Word document", title=document.title, html=document.html)
    blocks, notes = body_blocks(article, DocumentResolver(document, user, site))
    if document.title:
        page.title = document.title
        page.slug = slugify(document.title)[:255]
    page.summary = summary_from(first_paragraph_text(blocks))
    page.body = blocks
    return notes
