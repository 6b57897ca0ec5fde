import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the local 'admin' superuser for development. Its password is generated "
        "once, kept in .admin-password (ignored by git) and printed each time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password-file",
            type=Path,
            default=Path(settings.BASE_DIR) / ".admin-password",
            help="Where the generated password is kept.",
        )

    def handle(self, *args, password_file, **options):
        if password_file.exists():
            password = password_file.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        user, _ = get_user_model().objects.get_or_create(
            username="admin",
            defaults={"email": "admin@localhost", "is_staff": True, "is_superuser": True},
        )
        if not user.check_password(password):
            user.set_password(password)
            user.save()
        self.stdout.write(f"Admin: http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/")
        self.stdout.write(f"  username: admin\n  password: {password}")
