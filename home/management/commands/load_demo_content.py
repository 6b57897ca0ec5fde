from django.core.management.base import BaseCommand
from django.db import transaction

import blog.demo
import forms.demo
import home.demo
import meetings.demo
import services.demo


class Command(BaseCommand):
    help = "Load the demo pages, articles and services. Safe to run again: it changes nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        home_page = home.demo.load_home_page()
        home.demo.load(home_page)
        services.demo.load(home_page)
        meetings.demo.load(home_page)
        blog.demo.load(home_page)
        forms.demo.load(home_page)
        home.demo.load_search_promotions(home_page)
        home.demo.load_navigation(home_page)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
