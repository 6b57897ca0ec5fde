import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newunity.settings.dev")

application = get_wsgi_application()

# What is loaded by now (Django, Wagtail, the project: some 140,000 objects) lives as
# long as the process. Frozen, the collector's full passes leave it alone: unfrozen,
# each pass walked it all, a 50 ms pause every few hundred requests.
gc.collect()
gc.freeze()
