"""Kept so that tests still importing from here work: the builders live in
tests/factories.py, which every other test imports from."""

from tests.factories import make_contact_page, make_service, make_service_index  # noqa: F401
