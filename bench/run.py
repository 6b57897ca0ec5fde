"""`make bench`: how fast each page type is served, cold and warm, against the same
HTML served as a static file by the same stack (the ceiling), for 10, 1,000 and
10,000 articles. Loopback only, bounded in time; every process it starts is stopped.

    python -m bench.run [--sizes 10,1000,10000] [--seconds 3] [--keep DIR]
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from scripts.ports import free_port

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
WRK = shutil.which("wrk") or "/usr/bin/wrk"
PAUSE_AFTER_RUN = 1.0  # sync workers finish requests whose client has gone
# Each measurement is run this many times, the best kept (warm and static runs
# alternate): the machine is shared and noisy.
ROUNDS = 2
# Requests made to a page before it is measured, so that both workers have made it once
# (each keeps its own cache here): what a worker does once is not what a request costs.
WARM_UP_REQUESTS = 8


def django_env(work, db, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": "bench-only-secret-key-not-for-production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "DATABASE_URL": f"sqlite:///{db}",
        "BENCH_STATIC_ROOT": str(work / "static"),
        "BENCH_MEDIA_ROOT": str(work / "media"),
        "LOG_LEVEL": "WARNING",
        # Production shares its cache through Redis; nothing is edited while measuring,
        # so each worker's own memory stands in for it.
        "REDIS_URL": "",
        "FRAGMENT_CACHE_ENABLED": "true",
        "TASKS_BACKEND": "immediate",
        **extra,
    }


def run_step(env, *args):
    result = subprocess.run(
        [PYTHON, "-m", "bench.steps", *args],
        cwd=PROJECT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return result.stdout


class Server:
    """gunicorn with the project's configuration: 2 sync workers, on loopback."""

    def __init__(self, env, log):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "newunity.wsgi",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--no-control-socket",
            ],
            cwd=PROJECT,
            env={**env, "WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=2)
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("gunicorn exited; see its log") from None
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not answer within 30 seconds")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url, seconds):
    output = subprocess.run(
        [WRK, "-t2", "-c8", f"-d{seconds}s", "--latency", "--timeout", "10s", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    time.sleep(PAUSE_AFTER_RUN)
    distribution = re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
    latency = {percent: to_ms(value, unit) for percent, value, unit in distribution}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def warm_up(url):
    """Request `url` WARM_UP_REQUESTS times; the headers of each response."""
    headers = []
    for _ in range(WARM_UP_REQUESTS):
        with urllib.request.urlopen(url) as response:
            response.read()
        headers.append(response.headers)
    return headers


def bench_size(work, template_db, size, seconds, log):
    db = work / f"db-{size}.sqlite3"
    shutil.copy(template_db, db)
    env = django_env(work, db, PAGE_CACHE_ENABLED="false")
    started = time.monotonic()
    run_step(env, "articles", str(size))
    build_seconds = time.monotonic() - started
    html_dir = work / "static" / "bench" / str(size)
    html_dir.mkdir(parents=True, exist_ok=True)
    # A page given up on is reported in the table; its traceback would only be noise.
    quiet = {**env, "LOG_LEVEL": "CRITICAL"}
    pages = json.loads(run_step(quiet, "measure", str(html_dir)))

    measurable = [page for page in pages.values() if not page["slow"]]
    with Server(env, log) as server:
        for page in measurable:
            warm_up(server.base + page["url"])
            runs = [wrk(server.base + page["url"], seconds) for _ in range(ROUNDS)]
            page["cold"] = max(runs, key=lambda run: run["rps"])
    with Server(django_env(work, db, PAGE_CACHE_ENABLED="true"), log) as server:
        for page in measurable:
            # Both workers store the page. The contact page they never store: its form
            # carries per-reader tokens.
            page["cached"] = any(
                headers.get("X-Page-Cache") == "hit"
                for headers in warm_up(server.base + page["url"])
            )
            static_url = f"{server.base}/static/bench/{size}/{page['static']}"
            runs = [
                (wrk(server.base + page["url"], seconds), wrk(static_url, seconds))
                for _ in range(ROUNDS)
            ]
            page["warm"] = max((warm for warm, _ in runs), key=lambda run: run["rps"])
            page["ceiling"] = max((static for _, static in runs), key=lambda run: run["rps"])
    return pages, build_seconds


def ms(value):
    return "-" if value is None else f"{value:.1f}"


def print_budgets(results):
    """The figures the site is held to, from the largest database measured."""
    pages = results[list(results)[-1]]
    cached = [
        (page["warm"]["rps"] / max(page["ceiling"]["rps"], 1), name)
        for name, page in pages.items()
        if not page["slow"] and page["cached"]
    ]
    if cached:
        ratio, name = min(cached)
        print(f"slowest cached page against the static file: {ratio:.0%} ({name}); target 80%")
    article = pages.get("article", {})
    if "queries" in article:
        print(
            f"article uncached: {article['queries']} queries (target 15 at most), "
            f"{article['cpu_ms']:.1f} ms of CPU (target under 25)"
        )


def print_table(results):
    header = (
        f"{'N':>6} {'page':<15} {'q':>3} {'cpu ms':>6} {'KB':>5} | "
        f"{'cold rps':>8} {'p50':>6} {'p99':>6} | {'warm rps':>8} {'p50':>6} {'p99':>6} | "
        f"{'static rps':>10} {'warm/static':>11}"
    )
    print(header)
    print("-" * len(header))
    for size, pages in results.items():
        for name, page in pages.items():
            if page["slow"]:
                print(
                    f"{size:>6} {name:<15} {page.get('queries', '?'):>3} "
                    f"too slow to load-test: {page['slow']} per request"
                )
                continue
            cold, warm, ceiling = page["cold"], page["warm"], page["ceiling"]
            print(
                f"{size:>6} {name:<15} {page['queries']:>3} {page['cpu_ms']:>6.1f} "
                f"{page['bytes'] / 1024:>5.1f} | "
                f"{cold['rps']:>8.0f} {ms(cold['p50']):>6} {ms(cold['p99']):>6} | "
                f"{warm['rps']:>8.0f} {ms(warm['p50']):>6} {ms(warm['p99']):>6} | "
                f"{ceiling['rps']:>10.0f} {warm['rps'] / max(ceiling['rps'], 1):>10.0%}"
                + ("" if page["cached"] else "  (never cached)")
                + ("  (errors)" if cold["errors"] or warm["errors"] else "")
                + (f"  (HTTP {page['status']})" if page["status"] != 200 else "")
            )
    sizes = list(results)
    if len(sizes) > 1:
        first, last = results[sizes[0]], results[sizes[-1]]
        both = [name for name in first if "queries" in first[name] and "queries" in last[name]]
        same = all(first[name]["queries"] == last[name]["queries"] for name in both)
        print(
            f"\nquery counts identical at N={sizes[0]} and N={sizes[-1]}: "
            f"{'yes' if same else 'NO'} ({len(both)} of {len(first)} page types measured at both)"
        )
        p99 = [r["blog index p1"].get("cold", {}).get("p99") for r in (first, last)]
        print(
            f"blog index p1 cold p99: {ms(p99[0])} ms at N={sizes[0]}, {ms(p99[1])} ms at ", end=""
        )
        print(f"N={sizes[-1]}" + (f" ({p99[1] / p99[0]:.2f}x)" if None not in p99 else ""))
    print_budgets(results)
    print("q: queries per request, uncached; cpu ms: process CPU per uncached request;")
    print("uncached (cold): the page cache off; the fragments pages keep until the next edit")
    print("(menus, footer, article cards) still kept, as on a live site between two edits;")
    print("latencies in ms, wrk -t2 -c8; static: the same HTML bytes served by WhiteNoise.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,1000,10000")
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--keep", help="a folder to keep the databases and logs in")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]

    work = Path(options.keep or tempfile.mkdtemp(prefix="newunity-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {}
    try:
        with open(work / "gunicorn.log", "a") as log:
            template_db = work / "template.sqlite3"
            env = django_env(work, template_db)
            print("preparing static files and the database", file=sys.stderr)
            subprocess.run(
                [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=PROJECT,
                env=env,
                check=True,
            )
            run_step(env, "prepare")
            for size in sizes:
                print(f"N={size}: building and measuring", file=sys.stderr)
                results[size], build_seconds = bench_size(
                    work, template_db, size, options.seconds, log
                )
                print(f"N={size}: built in {build_seconds:.1f} s", file=sys.stderr)
        print_table(results)
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
