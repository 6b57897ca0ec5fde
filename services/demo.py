from home.demo import get_or_create_child

from .models import ServiceIndexPage


def load(home):
    get_or_create_child(
        home,
        ServiceIndexPage,
        "services",
        title="Services",
        intro="Free peer support, run by people with lived experience.",
    )
