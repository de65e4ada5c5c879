"""The blog's own theme, offline: one public page of the blog and its stylesheets, fetched once and
turned into a self-contained page template the preview renders the draft inside.

`fetch` gets the page and its stylesheets through an HTTP client the caller hands in, `template` turns
the page into the template (HTML through selectolax), `css` makes stylesheets self-contained, and
`cache` keeps one template per blog in the store's `themes` table. `theme_page()` makes the page to
load. Qt-free.
"""

from .cache import ThemeCache
from .css import absolutize_css, house_rules, prepare_css
from .errors import ThemeError
from .fetch import fetch_account_theme, fetch_theme, new_client, theme_url
from .template import prepare_template, select_first, theme_page

__all__ = [
    "ThemeCache",
    "ThemeError",
    "absolutize_css",
    "fetch_account_theme",
    "fetch_theme",
    "house_rules",
    "new_client",
    "prepare_css",
    "prepare_template",
    "select_first",
    "theme_page",
    "theme_url",
]
