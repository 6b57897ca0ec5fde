"""Many readers sending at once: every message is stored, and nobody sees a server error;
one sender sending many at once gets no more than the limit stored."""

import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from forms.models import ContactSubmission

from .conftest import valid_answers

WORKERS = 20
POSTS_PER_WORKER = 10


def open_form(page_url):
    """A reader's browser with the contact form open: its opener and CSRF token."""
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    html = opener.open(page_url, timeout=60).read().decode()
    return opener, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def send(opener, page_url, data):
    """Posts the form; the response's status."""
    request = urllib.request.Request(
        page_url, data=urllib.parse.urlencode(data).encode(), headers={"Referer": page_url}
    )
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def send_messages(page_url, worker):
    """One reader: open the form once, then send several messages, each with a form token
    of its own (a token is good for one message). Returns the statuses."""
    opener, csrf = open_form(page_url)
    statuses = []
    for n in range(POSTS_PER_WORKER):
        data = valid_answers(csrfmiddlewaretoken=csrf, message=f"worker {worker} message {n}")
        statuses.append(send(opener, page_url, data))
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


def test_a_burst_from_one_sender_stores_no_more_than_the_limit(live_server, contact_page, settings):
    """Posts from one address arriving together each count the sender's stored posts
    before storing their own: they must take turns, or all would find room."""
    settings.CONTACT_MIN_FILL_SECONDS = 0
    settings.CONTACT_RATE_LIMIT_PER_MINUTE = 5
    page_url = live_server.url + contact_page.url
    senders = [open_form(page_url) for _ in range(WORKERS)]
    together = threading.Barrier(WORKERS)

    def post(sender):
        opener, csrf = sender
        together.wait()
        return send(opener, page_url, valid_answers(csrfmiddlewaretoken=csrf))

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        statuses = list(pool.map(post, senders))

    assert sorted(statuses) == [200] * 5 + [429] * (WORKERS - 5)
    assert ContactSubmission.objects.count() == 5
