from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts import urls as accounts_urls
from base import views as base_views
from search import views as search_views

# A database error gets a 503 page that keeps what a reader was sending.
handler500 = base_views.server_error

urlpatterns = [
    path("healthz", base_views.healthz, name="healthz"),
    # Before Wagtail's: its password forms, limited against guessing.
    path("", include(accounts_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", base_views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Calendar files beside the group pages (…/calendar.ics): before Wagtail, whose page
    # addresses end in a slash.
    path("", include("meetings.urls")),
    # Wagtail's page serving catches everything else: keep it last.
    path("", include(wagtail_urls)),
]
