"""The agents' web UI end to end, in chromium, against real processes: a requester files a
ticket with a file; the agent the workflow picked finds it in My tasks, comments (the
requester's open page shows it live) and acts on it; the requester sees the status move;
an agent of another department is denied the ticket. Screenshots go to docs/screenshots/."""

from __future__ import annotations

import re

import requests

from e2e.browser.conftest import screenshot
from e2e.harness import wait_for
from e2e.test_workflow_run import _email_of, _holder

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _ticket_status(stack, admin, number: str) -> str:
    return requests.get(
        f"{stack.urls['tickets']}/api/v1/tickets/{number}/",
        headers={"Authorization": f"Bearer {admin.tokens['access']}"},
        timeout=5,
    ).json()["status"]


def test_sign_in_explains_a_wrong_password(browser, ui):
    context = browser.new_context(base_url=ui)
    page = context.new_page()
    page.goto("/tickets")
    page.wait_for_url("**/login")
    page.get_by_label("Email").fill("requester@example.com")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").first.inner_text(timeout=10_000)
    screenshot(page, "sign-in")
    context.close()


def test_a_ticket_from_filing_to_two_actions(stack, admin, open_as):
    # a requester files a ticket with an attachment
    requester = open_as("requester@example.com")
    requester.get_by_role("link", name="New ticket").click()
    requester.get_by_label("Subject", exact=True).fill("Laptop will not boot")
    requester.get_by_label("Description").fill("Black screen after the update.")
    requester.get_by_label("Category", exact=True).fill("Hardware")
    requester.get_by_label("Department", exact=True).fill("IT")
    requester.get_by_label("Priority", exact=True).select_option("high")
    requester.get_by_label("Attachments").set_input_files(
        [{"name": "error-report.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    screenshot(requester, "new-ticket")
    requester.get_by_role("button", name="Create ticket").click()
    requester.wait_for_url(re.compile(r".*/tickets/TKT-[0-9]+-[0-9]+$"))
    number = requester.url.rsplit("/", 1)[-1]
    requester.get_by_text("error-report.pdf").first.wait_for()

    # the agent the workflow picked for triage finds it in My tasks, with its SLA
    triager = open_as(_email_of(stack, admin, _holder(stack, admin, number, "Triage")))
    triager.get_by_role("link", name="My tasks").click()
    task_link = triager.get_by_role("link", name=re.compile(number))
    task_link.wait_for()
    screenshot(triager, "my-tasks")

    # the agent comments on the ticket; the requester's open page shows it at once
    triager.goto(f"/tickets/{number}")
    triager.get_by_label("Comment").fill("Thanks, we are looking at it.")
    triager.get_by_role("button", name="Post comment").click()
    requester.get_by_text("Thanks, we are looking at it.").wait_for(timeout=10_000)
    screenshot(requester, "ticket-detail")

    # the agent acts: accept at triage ...
    triager.get_by_role("link", name="My tasks").click()
    triager.get_by_role("link", name=re.compile(number)).click()
    triager.get_by_role("button", name="Accept").click()
    dialog = triager.get_by_role("dialog")
    dialog.get_by_role("button", name="Confirm").click()
    dialog.get_by_text("A comment is required.").wait_for()
    dialog.get_by_label("Comment").fill("Hardware fault, over to IT support.")
    screenshot(triager, "task-action")
    dialog.get_by_role("button", name="Confirm").click()
    resolver_id = _holder(stack, admin, number, "Resolve")

    # ... and resolve at the next step, as whoever holds it now
    resolver = open_as(_email_of(stack, admin, resolver_id))
    resolver.get_by_role("link", name="My tasks").click()
    resolver.get_by_role("link", name=re.compile(number)).click()
    resolver.get_by_role("button", name="Resolved").click()
    resolver.get_by_role("dialog").get_by_label("Comment").fill("Replaced the SSD.")
    resolver.get_by_role("dialog").get_by_role("button", name="Confirm").click()
    _holder(stack, admin, number, "Finalize")

    # the requester sees the status the workflow reported
    status = wait_for(
        lambda: (s := _ticket_status(stack, admin, number)) not in ("new", "open") and s,
        timeout=30,
        what="the ticket status to move",
    )
    requester.reload()
    requester.get_by_text(status.replace("_", " "), exact=False).first.wait_for()

    # an agent of another department may not see it
    outsider = open_as("assets@example.com")
    outsider.goto(f"/tickets/{number}")
    outsider.get_by_text("No such ticket, or you may not see it.").wait_for()


def test_the_ticket_list_works_at_phone_width(open_as):
    page = open_as("requester@example.com", width=390, height=844)
    page.get_by_role("heading", name="Tickets").wait_for()
    screenshot(page, "tickets-phone")
