"""What the author's browser does on WordPress's Authorize Application page, done with httpx and a cookie jar.

WordPress 6.1 writes the page's no-JavaScript form through `esc_url`, which drops a custom scheme, so
posting that form never reaches `longhand://`. In a browser the page's own script (wp-admin/js/auth-app.js)
does the work: it creates the application password over REST with the page's `X-WP-Nonce` and sends the
browser to `success_url` plus `site_url`, `user_login` and `password`, or to `reject_url` on "No". This
does the same requests, reading what the script reads (`authApp`, `wpApiSettings`) from the page itself.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import httpx

from tests.wordpress_server import WordPress


def _script_object(page: str, name: str) -> dict:
    found = re.search(rf"var {name} = (\{{.*?\}});", page, re.S)
    assert found, f"the page has no {name}: {page[:2000]}"
    return json.loads(found.group(1))


class AuthorizePage:
    """The approval page, opened by a user of `wordpress` (its admin unless `login` names another) signed in
    through wp-login.php."""

    def __init__(self, wordpress: WordPress, address: str, login: tuple[str, str] | None = None) -> None:
        user, password = login or (wordpress.admin_user, wordpress.admin_password)
        self.client = httpx.Client(timeout=30)
        form = f"{wordpress.url}/wp-login.php"
        self.client.get(form)  # sets WordPress's test cookie, which the login form checks
        signed_in = self.client.post(
            form,
            data={
                "log": user,
                "pwd": password,
                "wp-submit": "Log In",
                "testcookie": "1",
            },
        )
        assert signed_in.status_code == 302 and "wp-admin" in signed_in.headers["location"], signed_in.text[:500]
        response = self.client.get(address)
        self.status, self.html = response.status_code, response.text

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> AuthorizePage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def approve(self) -> str:
        """Click "Yes, I approve of this connection": the longhand:// address the browser is sent to."""
        app = _script_object(self.html, "authApp")
        api = _script_object(self.html, "wpApiSettings")
        params = dict(re.findall(r'name="(app_name|app_id)" value="([^"]*)"', self.html))
        created = self.client.post(
            api["root"] + "wp/v2/users/me/application-passwords?_locale=user",
            json={"name": params["app_name"], "app_id": params["app_id"]},
            headers={"X-WP-Nonce": api["nonce"]},
        )
        assert created.status_code == 201, created.text
        success = app["success"]
        return (
            f"{success}{'&' if '?' in success else '?'}site_url={quote(app['site_url'], safe='')}"
            f"&user_login={quote(app['user_login'], safe='')}&password={quote(created.json()['password'], safe='')}"
        )

    def reject(self) -> str:
        """Click "No, I do not approve of this connection": where the browser goes."""
        return _script_object(self.html, "authApp")["reject"]
