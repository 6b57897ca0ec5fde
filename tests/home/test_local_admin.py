from io import StringIO

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory


def create_admin(password_file):
    out = StringIO()
    call_command("create_local_admin", password_file=password_file, stdout=out)
    return out.getvalue()


def test_local_admin_password_is_generated_once_and_printed(db, tmp_path):
    password_file = tmp_path / "admin-password"

    first_output = create_admin(password_file)
    password = password_file.read_text().strip()
    assert len(password) >= 12
    assert password in first_output
    assert password_file.stat().st_mode & 0o077 == 0

    second_output = create_admin(password_file)
    assert password_file.read_text().strip() == password
    assert password in second_output

    sign_in = RequestFactory().post("/admin/login/")
    user = authenticate(sign_in, username="admin", password=password)
    assert user is not None and user.is_superuser
