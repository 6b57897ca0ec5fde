from django.core.management.base import BaseCommand

from forms.notifications import send_due_notifications


class Command(BaseCommand):
    help = (
        "Send staff notifications that could not go when their submission arrived "
        "(mail server down). Waits longer after each failed attempt, up to six hours. "
        "Safe to run often, e.g. every five minutes from cron or a systemd timer."
    )

    def handle(self, *args, **options):
        sent = send_due_notifications()
        self.stdout.write(f"{sent} notification(s) sent.")
