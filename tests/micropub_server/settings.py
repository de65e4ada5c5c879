"""Django settings of the test Micropub site (see tests/micropub_server/__init__.py): django-indieweb's
endpoints, a persisting Micropub handler and a media index, all in files under MICROPUB_TEST_DATA."""

import os
import secrets
from pathlib import Path

DATA = Path(os.environ["MICROPUB_TEST_DATA"])

SECRET_KEY = secrets.token_hex(32)  # a new one each run: tokens are stored as HMACs under it
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SITE_URL = ""  # set by serve.py once the port is known: the posts' addresses start with it
SITE_ID = 1
USE_TZ = True
TIME_ZONE = "UTC"

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sites",  # django-indieweb's views import Site
    "indieweb",
    "tests.micropub_server.blog",
]
MIDDLEWARE = ["tests.micropub_server.blog.views.RequestLog"]
ROOT_URLCONF = "tests.micropub_server.urls"
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA / "site.sqlite3", "OPTIONS": {"timeout": 30}}
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
MEDIA_ROOT = DATA / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "tests.micropub_server.blog.storage.IndexedStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TEMPLATES: list = []

# The handler django-indieweb hands every Micropub operation to (its default keeps posts in memory, and a
# new one is made for each request: it would forget everything between requests).
INDIEWEB_MICROPUB_HANDLER = "tests.micropub_server.blog.handler.StoredPosts"

REQUEST_LOG = DATA / "requests.jsonl"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"file": {"class": "logging.FileHandler", "filename": str(DATA / "server.log")}},
    "root": {"handlers": ["file"], "level": "INFO"},
}
