"""The site's scheduled work, in a process of its own: `manage.py run_scheduled_work`.

Wagtail publishes and expires scheduled pages only when `publish_scheduled` runs, and
django-tasks has no timer: this loop runs each job at its interval, for as long as the
process lives (`--once` runs every job once and stops, for cron or a systemd timer).
Commands are called by name, so the site's apps each keep their own.
"""

import logging
import signal
import time

from django.conf import settings
from django.core.management import BaseCommand, call_command

logger = logging.getLogger(__name__)

MINUTE = 60
HOUR = 60 * MINUTE


def jobs():
    """(name, seconds between runs or None for every tick, command and its arguments)."""
    return [
        ("publish and expire scheduled pages", None, ["publish_scheduled"]),
        ("retry pending notifications", None, ["send_pending_notifications"]),
        ("delete submissions past their retention", HOUR, ["purge_submissions"]),
        ("forget attempts past the limits' windows", HOUR, ["forget_old_attempts"]),
        (
            # Never the latest, live, scheduled or in-review revision of a page (Wagtail's rule).
            "delete old page revisions",
            HOUR,
            ["purge_revisions", f"--days={settings.REVISIONS_KEPT_DAYS}"],
        ),
    ]


class Command(BaseCommand):
    help = "Publish scheduled pages, retry notifications and purge old records, on a timer."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and stop.")
        parser.add_argument(
            "--tick",
            type=float,
            default=MINUTE,
            help="Seconds between runs of the frequent jobs (default 60); the others run hourly.",
        )

    def handle(self, *args, once=False, tick=MINUTE, **options):
        self.stopping = False
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        last_run = {}
        while not self.stopping:
            now = time.monotonic()
            for name, interval, command in jobs():
                due = name not in last_run or interval is None or now - last_run[name] >= interval
                if once or due:
                    self.run(name, command)
                    last_run[name] = now
            if once:
                return
            self.sleep(tick)

    def run(self, name, command):
        """Run one job; a failure is logged and the others still run (and this one
        again at its next turn)."""
        try:
            call_command(*command, verbosity=0)
        except Exception:
            logger.exception("scheduled job failed: %s", name)

    def sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.2, deadline - time.monotonic()))

    def stop(self, signum, frame):
        self.stopping = True
