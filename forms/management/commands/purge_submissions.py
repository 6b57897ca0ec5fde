from django.conf import settings
from django.core.management.base import BaseCommand

from forms.retention import expired_submissions, purge


class Command(BaseCommand):
    help = (
        "Delete contact submissions older than CONTACT_RETENTION_DAYS "
        f"({settings.CONTACT_RETENTION_DAYS}), and suspected spam older than "
        f"CONTACT_SPAM_RETENTION_DAYS ({settings.CONTACT_SPAM_RETENTION_DAYS}). "
        "Run daily from cron or a systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say how many would be deleted."
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            count = expired_submissions().count()
            self.stdout.write(f"{count} submission(s) would be deleted (dry run).")
        else:
            self.stdout.write(f"{purge()} submission(s) deleted.")
