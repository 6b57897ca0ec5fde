"""Production settings, with the benchmark's own static, media and database folders
(from the environment) so that nothing in the project tree is touched."""

import os

from newunity.settings.production import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
MEDIA_ROOT = os.environ["BENCH_MEDIA_ROOT"]
