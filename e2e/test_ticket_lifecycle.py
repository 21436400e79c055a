"""A ticket with an attachment goes to workflow_api and its status comes back to ticket_service."""

from __future__ import annotations

import uuid

import requests

from e2e.amqp import publish_task
from e2e.harness import wait_for
from e2e.test_ticket_crosses_rabbitmq import INTAKE, TASK, payload, snapshot_of

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_a_ticket_with_an_attachment_reaches_the_workflow_and_its_status_comes_back(stack, client, admin):
    # given a requester creating a ticket with a PDF, as a browser form would
    requester = client.login("requester@example.com")
    bearer = {"Authorization": f"Bearer {requester.tokens['access']}"}
    response = requests.post(
        f"{stack.urls['tickets']}/api/v1/tickets/",
        data={"subject": "Invoice scan unreadable", "category": "Software", "priority": "high"},
        files={"attachments": ("invoice.pdf", PDF, "application/pdf")},
        headers=bearer,
        timeout=10,
    )
    assert response.status_code == 201, response.text
    ticket = response.json()
    assert [a["name"] for a in ticket["attachments"]] == ["invoice.pdf"]

    # then workflow_api holds the snapshot with the attachment's metadata
    snapshot = wait_for(lambda: snapshot_of(stack, admin, ticket["number"]), timeout=30, what="the snapshot")
    assert snapshot["data"]["attachments"][0]["name"] == "invoice.pdf"
    assert snapshot["data"]["attachments"][0]["content_type"] == "application/pdf"

    # and workflow_api's status message comes back: the ticket is open, with history
    url = f"{stack.urls['tickets']}/api/v1/tickets/{ticket['id']}/"
    wait_for(
        lambda: requests.get(url, headers=bearer, timeout=5).json()["status"] == "open",
        timeout=30,
        what="the status from workflow_api",
    )
    history = requests.get(f"{url}history/", headers=bearer, timeout=5).json()
    assert [(h["from_status"], h["to_status"]) for h in history] == [("new", "open")]

    # and the file downloads for its requester, byte for byte
    download = requests.get(
        stack.urls["tickets"] + ticket["attachments"][0]["download_url"], headers=bearer, timeout=5
    )
    assert download.status_code == 200
    assert download.content == PDF


def test_a_ticket_from_an_upstream_producer_appears_in_ticket_service(stack, admin):
    # given a ticket published straight to the queue by another system
    number = f"ERP-2026-{uuid.uuid4().hex[:8]}"
    publish_task(stack.prefix + INTAKE, TASK, payload(number))

    # then, once workflow_api announces it, ticket_service lists it too
    bearer = {"Authorization": f"Bearer {admin.tokens['access']}"}
    found = wait_for(
        lambda: (
            requests.get(
                f"{stack.urls['tickets']}/api/v1/tickets/{number}/", headers=bearer, timeout=5
            ).status_code
            == 200
        ),
        timeout=30,
        what="the upstream ticket in ticket_service",
    )
    assert found
    ticket = requests.get(
        f"{stack.urls['tickets']}/api/v1/tickets/{number}/", headers=bearer, timeout=5
    ).json()
    assert (ticket["source"], ticket["status"], ticket["requester"]["email"]) == (
        "queue",
        "open",
        "upstream@example.com",
    )
