import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navet.settings")
application = get_wsgi_application()
# What is loaded now lives as long as the process: kept out of the full garbage collections,
# which would walk it again each time (some 0.1 s in a request's time on a small server).
gc.freeze()
