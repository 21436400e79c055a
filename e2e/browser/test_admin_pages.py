"""The admins' web UI end to end, in chromium, against real processes: an admin builds a
branching workflow in the graph editor and publishes it, and a new ticket for its category
is routed by it; a calendar change moves the deadline preview; the dashboard draws its
charts from seeded history; only admins reach the admin pages (the API refuses the others
anyway). Screenshots go to docs/screenshots/."""

from __future__ import annotations

import re

import requests
from playwright.sync_api import expect

from e2e.browser.conftest import screenshot
from e2e.test_workflow_run import _email_of, _holder

ADMIN_PAGES = [
    "/admin/reports",
    "/admin/workflows",
    "/admin/calendars",
    "/admin/unassigned",
    "/admin/users",
    "/admin/roles",
    "/admin/audit",
]


def test_a_non_admin_cannot_reach_the_admin_pages(open_as):
    agent = open_as("agent@example.com")
    assert agent.get_by_role("link", name="Admin", exact=True).count() == 0

    for path in ADMIN_PAGES:
        agent.goto(path)
        agent.wait_for_url("**/tickets")
        assert "Only administrators" in agent.get_by_role("alert").first.inner_text()

    # and the API refuses them anyway, whatever the UI does
    for path in ("/api/v1/calendars/", "/api/v1/users/", "/api/v1/tasks/unassigned/", "/api/v1/audit/"):
        assert agent.evaluate("path => fetch(path).then(r => r.status)", path) == 403, path


def test_an_admin_builds_a_branching_workflow_that_routes_the_next_ticket(stack, client, admin, open_as):
    page = open_as("admin@example.com")
    page.get_by_role("link", name="Admin", exact=True).click()
    page.get_by_role("navigation", name="Admin").get_by_role("link", name="Workflows").click()
    page.get_by_role("heading", name="Workflows", level=1).wait_for()

    # a new workflow for office moves
    page.get_by_role("button", name="New workflow").click()
    dialog = page.get_by_role("dialog", name="New workflow")
    dialog.get_by_label("Workflow name").fill("Office moves")
    dialog.get_by_label("Department").fill("Facilities")
    dialog.get_by_label("Category", exact=True).fill("Office move")
    dialog.get_by_role("button", name="Create workflow").click()
    page.wait_for_url(re.compile(r".*/admin/workflows/[0-9]+$"))

    # three steps; the first added is the start
    for name, role in (
        ("Survey", "Asset Manager"),
        ("Sign-off", "Budget Manager"),
        ("Move", "Asset Manager"),
    ):
        page.get_by_role("button", name="Add step").click()
        page.get_by_label("Step name", exact=True).fill(name)
        page.get_by_label("Role", exact=True).select_option(label=role)

    # with a branch: the survey may reject the move outright
    connect = page.get_by_role("form", name="Connect steps")
    for source, target, label, end in (
        ("Survey", "Sign-off", "Approve", None),
        ("Survey", "End", "Reject", "rejected"),
        ("Sign-off", "Move", "Done", None),
        ("Move", "End", "Resolve", "resolved"),
    ):
        connect.get_by_label("From", exact=True).select_option(label=source)
        connect.get_by_label("To", exact=True).select_option(label=target)
        connect.get_by_label("Label", exact=True).fill(label)
        if end:
            connect.get_by_label("End status", exact=True).select_option(end)
        connect.get_by_role("button", name="Add transition").click()
    page.get_by_label("High resolution (minutes)").fill("480")

    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("All changes saved").wait_for()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Published version 1.").wait_for()
    screenshot(page, "admin-workflow-editor")

    # a ticket for that category goes to the survey step's role (only Linus holds it)
    requester = client.login("requester@example.com")
    created = requests.post(
        f"{stack.urls['tickets']}/api/v1/tickets/",
        json={
            "subject": "Move desk to floor 3",
            "category": "Office move",
            "department": "Facilities",
            "priority": "high",
        },
        headers={"Authorization": f"Bearer {requester.tokens['access']}"},
        timeout=10,
    )
    assert created.status_code == 201, created.text
    number = created.json()["number"]
    holder = _holder(stack, admin, number, "Survey")
    assert _email_of(stack, admin, holder) == "assets@example.com"
    task = requests.get(
        f"{stack.urls['workflow']}/api/v1/tasks/",
        params={"scope": "all", "search": number},
        headers={"Authorization": f"Bearer {admin.tokens['access']}"},
        timeout=5,
    ).json()["results"][0]
    assert task["workflow"]["name"] == "Office moves", task


def test_an_admin_changes_a_calendar_and_the_deadline_preview_moves(open_as):
    page = open_as("admin@example.com")
    page.goto("/admin/calendars/new")
    page.get_by_label("Name", exact=True).fill("Service desk hours")
    page.get_by_label("Time zone").select_option("UTC")
    page.get_by_role("button", name="Create calendar").click()  # a new calendar is an office week
    page.wait_for_url(re.compile(r".*/admin/calendars/[0-9]+$"))

    # a 4-hour target from Monday 09:00 ends at 13:00 the same day
    page.get_by_label("At a given time").check()
    page.get_by_label("Start (UTC time)").fill("2026-12-07T09:00")
    deadline = page.get_by_role("status", name="Deadline preview").locator("time")
    expect(deadline).to_have_attribute("datetime", "2026-12-07T13:00:00Z")

    # Monday now ends at 11:00: two hours that day, the other two on Tuesday morning
    page.get_by_label("End (Monday, interval 1)").fill("11:00")
    page.get_by_role("button", name="Save calendar").click()
    page.get_by_text("Calendar saved.").wait_for()
    expect(deadline).to_have_attribute("datetime", "2026-12-08T11:00:00Z")
    screenshot(page, "admin-calendar")


def test_the_dashboard_draws_its_charts_from_the_history(stack, open_as):
    stack.manage("workflow", "seed_history", "--days", "30", "--per-day", "6")
    page = open_as("admin@example.com")
    page.goto("/admin/reports")

    for chart in (
        "SLA compliance over time",
        "Volume trend",
        "SLA compliance by workflow",
        "Step bottlenecks",
    ):
        expect(page.get_by_role("img", name=chart)).to_be_visible()
    created = page.locator("[data-kpi]").filter(has_text="Created").first
    assert int(re.sub(r"\D", "", created.inner_text())) >= 100, created.inner_text()
    agents = page.get_by_role("region", name="Agent performance")
    expect(agents.get_by_role("rowheader").first).to_be_visible()
    assert page.get_by_role("link", name="Download summary CSV").get_attribute("href").endswith("format=csv")
    page.wait_for_timeout(300)  # let the canvases paint for the screenshot
    screenshot(page, "admin-dashboard")
