import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import close_old_connections, connection, transaction

WRITERS = 20
WRITES_EACH = 10


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_writers_never_see_database_is_locked():
    """Each writer reads then writes inside one transaction, the pattern that
    fails with "database is locked" under SQLite's default deferred transactions."""
    User = get_user_model()
    errors = []
    start = threading.Barrier(WRITERS)

    def write(writer):
        try:
            start.wait()
            for n in range(WRITES_EACH):
                with transaction.atomic():
                    seen = User.objects.count()
                    User.objects.create(username=f"writer{writer}-{n}", first_name=str(seen))
        except Exception as error:  # noqa: BLE001 - collected and reported below
            errors.append(repr(error))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert User.objects.count() == WRITERS * WRITES_EACH
