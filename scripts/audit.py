"""`make audit`: Lighthouse over the main reader page types.

Serves the site as production would (production settings, gunicorn, WhiteNoise,
collected static files) on loopback, with the demo content in a throwaway SQLite
database, then runs Lighthouse (npm, installed into ./node_modules on first use)
with Debian's Chromium under its default mobile throttling. Prints the four
category scores per page and the bytes each page transfers, images apart.
Nothing leaves the machine; every process started here is stopped."""

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from scripts.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# Pages answered by URL alone; the form's error and thank-you states need a browser session.
# Search results say "noindex" on purpose, so Lighthouse's SEO score marks them not crawlable.
PAGE_TYPES = [
    "home",
    "blog index",
    "category listing",
    "article",
    "services index",
    "service",
    "contact form",
    "search results",
]
FIND_PAGES = """
import json
from scripts.reader_pages import reader_pages
print(json.dumps({p.name: p.path for p in reader_pages()}))
"""


def ensure_lighthouse():
    if not LIGHTHOUSE.exists():
        print("Installing Lighthouse into ./node_modules (once)...", flush=True)
        subprocess.run(
            ["npm", "install", "--no-save", "--no-audit", "--no-fund", "lighthouse"],
            cwd=ROOT,
            check=True,
        )


def manage(env, *args):
    result = subprocess.run(
        [BIN / "python", "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def wait_until_serving(url, server, log_path, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before serving:\n" + log_path.read_text()[-3000:])
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url} within {seconds} s.")


def lighthouse(url, report_path, attempts=2):
    """Lighthouse's report on one page; on a busy machine a run sometimes fails to
    record its trace, so a failed run is tried again."""
    for attempt in range(1, attempts + 1):
        run = subprocess.run(
            [
                LIGHTHOUSE,
                url,
                f"--chrome-flags={CHROME_FLAGS}",
                "--output=json",
                f"--output-path={report_path}",
                "--quiet",
            ],
            cwd=ROOT,
            env={**os.environ, "CHROME_PATH": CHROME_PATH},
            capture_output=True,
            text=True,
        )
        if run.returncode == 0:
            break
        if attempt == attempts:
            raise RuntimeError(run.stderr.strip().splitlines()[-1])
    report = json.loads(report_path.read_text())
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    # What cost points outside performance, whose audits are measurements rather than faults.
    failed = sorted(
        {
            ref["id"]
            for name in CATEGORIES[1:]
            for ref in report["categories"][name]["auditRefs"]
            if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
        }
    )
    requests = report["audits"]["network-requests"]["details"]["items"]
    bytes_without_images = sum(
        item.get("transferSize", 0) for item in requests if item.get("resourceType") != "Image"
    )
    return scores, bytes_without_images, failed


def main():
    ensure_lighthouse()
    with tempfile.TemporaryDirectory(prefix="newunity-audit-") as workdir:
        port = free_port()
        env = {
            **os.environ,
            # Production settings, with static files and media in the throwaway folder.
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "BENCH_STATIC_ROOT": f"{workdir}/static",
            "BENCH_MEDIA_ROOT": f"{workdir}/media",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{workdir}/audit.sqlite3",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        }
        env.pop("REDIS_URL", None)
        print("Preparing a throwaway demo site...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_content")
        manage(env, "collectstatic", "--noinput")
        paths = json.loads(manage(env, "shell", "--no-imports", "-c", FIND_PAGES))

        log_path = Path(workdir) / "gunicorn.log"
        server_log = log_path.open("w")
        server = subprocess.Popen(
            [
                BIN / "gunicorn",
                "scripts.audit_wsgi:application",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
            ],
            cwd=ROOT,
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_serving(base_url + "/healthz", server, log_path)
            print(f"\n{'page':<18}" + "".join(f"{c:>16}" for c in CATEGORIES) + f"{'KB':>10}")
            for name in PAGE_TYPES:
                if not paths.get(name):
                    print(f"{name:<18}  (no such page in the demo content)")
                    continue
                try:
                    scores, transferred, failed = lighthouse(
                        base_url + paths[name], Path(workdir) / "report.json"
                    )
                except RuntimeError as error:
                    print(f"{name:<18}  Lighthouse failed: {error}")
                    continue
                print(
                    f"{name:<18}"
                    + "".join(f"{scores[c]:>16}" for c in CATEGORIES)
                    + f"{transferred / 1024:>10.1f}",
                    flush=True,
                )
                if failed:
                    print(f"{'':<18}  failed: {', '.join(failed)}")
            print("\nKB: bytes transferred for the page, images apart (compressed).")
        finally:
            server.terminate()
            server.wait(timeout=30)
            server_log.close()


if __name__ == "__main__":
    main()
