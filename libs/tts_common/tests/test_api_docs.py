import re

import pytest


@pytest.mark.django_db
def test_swagger_ui_has_no_inline_script_so_a_strict_csp_holds(api_client):
    # given the production CSP allows scripts from the page's own origin only (script-src 'self')

    # when
    page = api_client.get("/api/docs/kernel/")

    # then every script on the page is a file, and the start-up script is served as one
    assert page.status_code == 200
    scripts = re.findall(r"<script([^>]*)>", page.content.decode())
    assert scripts and all("src=" in attributes for attributes in scripts)
    start_up = api_client.get("/api/docs/kernel/?script=")
    assert start_up.status_code == 200
    assert start_up["Content-Type"].startswith("application/javascript")
    assert "/api/schema/kernel/" in start_up.content.decode()
