from xml.etree import ElementTree

from tests.factories import make_article, make_category, make_private

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urlset = ElementTree.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in urlset.findall(f"{SITEMAP}url")
    }


def test_sitemap_lists_live_public_pages_with_lastmod(client, blog_index):
    make_article(blog_index, "Published", categories=[make_category("Hope")])
    make_article(blog_index, "Draft", live=False)
    make_private(make_article(blog_index, "Private"))
    make_category("Unused")
    entries = sitemap_entries(client)
    assert "http://localhost/blog/published/" in entries
    assert "http://localhost/blog/" in entries
    assert "http://localhost/" in entries
    assert "http://localhost/blog/category/hope/" in entries
    assert "http://localhost/blog/category/unused/" not in entries
    assert not any("draft" in url or "private" in url for url in entries)
    assert entries["http://localhost/blog/published/"]
    assert all(entries[url] for url in entries)


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
