"""Production settings, with the static and media folders of a throwaway run (from the
environment) so that nothing in the project tree is touched: for `make bench` and
`make audit`."""

import os

from newunity.settings.production import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
MEDIA_ROOT = os.environ["BENCH_MEDIA_ROOT"]
