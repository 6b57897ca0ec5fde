"""Container health probe: `python -m base.healthcheck` exits 0 when the web
process in this container answers /healthz, 1 otherwise. The Host header is
the first of ALLOWED_HOSTS, which Django insists on."""

import os
import sys
import urllib.request


def main():
    port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[1]
    host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=4) as response:
            return 0 if response.status == 200 else 1
    except OSError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
