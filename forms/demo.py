from base.demo import choose_key_page, get_or_create_child

from .models import ContactFormPage


def load(home):
    """The contact page, with its default fields (see ContactFormPage), chosen as the
    site's contact page unless staff have chosen another."""
    page = get_or_create_child(
        home,
        ContactFormPage,
        "contact",
        title="Contact us",
        intro=(
            "<p>Tell us a little about what you are looking for and we will get back to you. "
            "Everything you write is kept private and read only by our intake team.</p>"
        ),
        thank_you_text=(
            "<p>Thank you for reaching out. A member of our intake team will contact you "
            "within two working days, in the way you asked us to.</p>"
        ),
        to_address="intake@newunity.org",
        subject="New message from the contact form",
    )
    choose_key_page(page, "contact_page")
    return page
