"""A Word document as staff write them, made with python-docx."""

import io

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from PIL import Image as PillowImage

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
