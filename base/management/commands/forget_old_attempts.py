from django.core.management import BaseCommand

from base.throttle import forget_old_attempts


class Command(BaseCommand):
    help = "Delete the attempts counted by the limits on guessing once past every window."

    def handle(self, *args, **options):
        deleted = forget_old_attempts()
        if options["verbosity"]:
            self.stdout.write(f"{deleted} old attempts deleted.")
