from home.demo import get_or_create_child

from .models import ContactFormPage


def load(home):
    get_or_create_child(
        home,
        ContactFormPage,
        "contact",
        title="Contact us",
        intro="<p>Tell us a little about what you are looking for and we will get back to you.</p>",
        thank_you_text=(
            "<p>Thank you for reaching out. A member of our team will contact you within "
            "two working days.</p>"
        ),
    )
