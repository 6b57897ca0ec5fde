"""schema.org BlogPosting for articles, written into pages as JSON-LD."""

from base.structured_data import absolute_url, organisation


def blog_posting(article, request, share_image=None):
    publisher = organisation(request)
    modified = article.last_published_at or article.latest_revision_created_at
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.title,
        "description": article.summary,
        "url": article.get_full_url(request),
        "mainEntityOfPage": article.get_full_url(request),
        "datePublished": article.date.isoformat() if article.date else None,
        "dateModified": modified.isoformat() if modified else None,
        "author": (
            {"@type": "Person", "name": article.author.name} if article.author else publisher
        ),
        "publisher": publisher,
        "keywords": [tag.name for tag in article.tag_list],
    }
    if share_image is not None:
        data["image"] = {
            "@type": "ImageObject",
            "url": absolute_url(request, share_image.url),
            "width": share_image.width,
            "height": share_image.height,
        }
    return data
