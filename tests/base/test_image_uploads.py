"""Pictures too large to resize safely are refused with an error staff can act on,
whatever the file's size on disk."""

import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model

from tests.factories import sign_in_verified


def blank_png(width, height):
    """A black-and-white PNG of `width` × `height` made in a few MB of memory: for 20000 ×
    20000 about 60 KB on disk, 400 million pixels once decoded (a "decompression bomb")."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte, then one bit a pixel
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


@pytest.fixture
def staff_client(client, django_user_model, home_page):
    sign_in_verified(
        client, django_user_model.objects.create_superuser("boss", "boss@newunity.test", "pw")
    )
    return client


def upload(client, width, height):
    picture = SimpleUploadedFile(f"{width}x{height}.png", blank_png(width, height), "image/png")
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Poster", "file": picture, "collection": "1"},
    )


def test_the_upload_form_states_the_pixel_limit(staff_client):
    html = staff_client.get(reverse("wagtailimages:add")).content.decode()
    assert "Largest picture: 40 million pixels (for example 8000 × 5000)." in html


def test_a_decompression_bomb_is_refused_with_a_form_error(staff_client):
    response = upload(staff_client, 20_000, 20_000)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This picture is too large: far more pixels than any photo." in html
    assert "Please save a smaller copy" in html
    assert not get_image_model().objects.filter(title="Poster").exists()


def test_a_picture_over_the_limit_is_refused_with_its_size(staff_client):
    response = upload(staff_client, 8_100, 5_000)
    html = response.content.decode()
    assert "This picture is too large: 8100 × 5000 pixels." in html
    assert "up to 40 million pixels (for example 8000 × 5000)" in html
    assert not get_image_model().objects.filter(title="Poster").exists()


def test_the_multiple_uploader_refuses_it_too(staff_client):
    picture = SimpleUploadedFile("bomb.png", blank_png(20_000, 20_000), "image/png")
    response = staff_client.post(reverse("wagtailimages:add_multiple"), {"files[]": picture})
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "This picture is too large" in response.json()["error_message"]


def test_a_picture_within_the_limit_is_accepted(staff_client):
    upload(staff_client, 4_000, 3_000)
    assert get_image_model().objects.get(title="Poster").width == 4_000
