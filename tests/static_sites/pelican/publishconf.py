# The published site's settings, as pelican-quickstart makes them: its public address.
import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402, F403

SITEURL = "https://example.org"
RELATIVE_URLS = False
