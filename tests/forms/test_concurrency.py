"""Many readers sending at once: every message is stored, and nobody sees a server error."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from forms.models import ContactSubmission

from .conftest import valid_answers

WORKERS = 20
POSTS_PER_WORKER = 10


def send_messages(page_url, worker):
    """One reader: open the form once, then send several messages, each with a form token
    of its own (a token is good for one message). Returns the statuses."""
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    html = opener.open(page_url, timeout=60).read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    statuses = []
    for n in range(POSTS_PER_WORKER):
        data = valid_answers(csrfmiddlewaretoken=csrf, message=f"worker {worker} message {n}")
        request = urllib.request.Request(
            page_url, data=urllib.parse.urlencode(data).encode(), headers={"Referer": page_url}
        )
        try:
            with opener.open(request, timeout=60) as response:
                statuses.append(response.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
    return statuses


def test_concurrent_submissions_are_all_stored(live_server, contact_page, settings):
    settings.CONTACT_MIN_FILL_SECONDS = 0
    page_url = live_server.url + contact_page.url

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        statuses = [
            s
            for result in pool.map(send_messages, [page_url] * WORKERS, range(WORKERS))
            for s in result
        ]
    elapsed = time.perf_counter() - started

    total = WORKERS * POSTS_PER_WORKER
    print(f"\n{total} submissions from {WORKERS} workers in {elapsed:.1f}s")
    assert statuses == [200] * total
    assert ContactSubmission.objects.count() == total
    messages = set(ContactSubmission.objects.values_list("form_data__message", flat=True))
    assert len(messages) == total
