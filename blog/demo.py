from home.demo import get_or_create_child

from .models import BlogIndexPage


def load(home):
    get_or_create_child(
        home,
        BlogIndexPage,
        "blog",
        title="Blog",
        intro="Stories, ideas and practical advice from our peer-support community.",
    )
