"""A Word document as staff write them, made with python-docx, and the editor who imports it."""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from PIL import Image as PillowImage
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

LINK = "https://www.samhsa.gov/find-help"


def word_document(title="Finding Your People"):
    document = Document()
    document.add_heading(title, level=1)
    document.add_paragraph("Recovery is easier with company. This is how our members found theirs.")
    document.add_paragraph("It got better when I stopped doing it alone.", style="Quote")
    document.add_heading("Where to start", level=2)
    for lead, rest in [
        ("Come once:", " no one will ask you to speak."),
        ("Bring a friend:", " or come alone."),
    ]:
        item = document.add_paragraph(style="List Bullet")
        item.add_run(lead).bold = True
        item.add_run(rest)
    link_paragraph(document, "Find more help at ", "SAMHSA", LINK)
    picture = io.BytesIO()
    PillowImage.new("RGB", (30, 20), (20, 140, 90)).save(picture, "PNG")
    document.add_picture(picture)
    for shape in document.element.body.xpath(".//wp:docPr"):
        shape.set("descr", "A green meadow at dawn")
    stream = io.BytesIO()
    document.save(stream)
    stream.seek(0)
    return stream


def link_paragraph(document, before, text, url):
    """A paragraph with a hyperlink (python-docx writes none itself: its XML, added)."""
    paragraph = document.add_paragraph(before)
    relation = document.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    paragraph_xml = parse_xml(
        f'<w:p {nsdecls("w", "r")}><w:r><w:t xml:space="preserve">{before}</w:t></w:r>'
        f'<w:hyperlink r:id="{relation}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink></w:p>'
    )
    body = document.element.body
    body.replace(body[-2], paragraph_xml)  # the paragraph just added (the last is sectPr)
    return paragraph


PASSWORD = "correct horse battery"


def make_editor(home_page, username="editor"):
    """An editor as New Unity's staff are: not a superuser; may write and publish pages
    and add images."""
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=editors, page=home_page, permission=Permission.objects.get(codename=codename)
        )
    for codename in ("add_image", "choose_image"):
        GroupCollectionPermission.objects.get_or_create(
            group=editors,
            collection=Collection.get_first_root_node(),
            permission=Permission.objects.get(codename=codename),
        )
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    user.groups.add(editors)
    return user
