"""A ticket created on ticket_service is assigned by workflow_api, its assignees act
through the API until the task completes, and ticket_service shows every status."""

from __future__ import annotations

import requests

from e2e.harness import wait_for

EMAILS = {}


def _email_of(stack, admin, user_id: str) -> str:
    if not EMAILS:
        users = requests.get(
            f"{stack.urls['auth']}/api/v1/users/",
            params={"page_size": 100},
            headers={"Authorization": f"Bearer {admin.tokens['access']}"},
            timeout=5,
        ).json()["results"]
        EMAILS.update({str(u["id"]): u["email"] for u in users})
    return EMAILS[str(user_id)]


def _holder(stack, admin, number: str, step: str) -> str:
    """The user id holding ``step`` of the ticket's task, as workflow_api's admin view shows it."""
    bearer = {"Authorization": f"Bearer {admin.tokens['access']}"}

    def held():
        found = requests.get(
            f"{stack.urls['workflow']}/api/v1/tasks/",
            params={"scope": "all", "search": number},
            headers=bearer,
            timeout=5,
        ).json()["results"]
        if not found or (found[0]["current_step"] or {}).get("name") != step:
            return None
        task = requests.get(
            f"{stack.urls['workflow']}/api/v1/tasks/{found[0]['id']}/", headers=bearer, timeout=5
        ).json()
        item = next(i for i in reversed(task["items"]) if i["step_name"] == step)
        return item["assignee"] and str(item["assignee"]["id"])

    return wait_for(held, timeout=30, what=f"{number} at step {step}")


def _act(stack, session, number: str, label: str) -> dict:
    bearer = {"Authorization": f"Bearer {session.tokens['access']}"}
    tasks = requests.get(
        f"{stack.urls['workflow']}/api/v1/tasks/", params={"search": number}, headers=bearer, timeout=5
    ).json()["results"]
    assert len(tasks) == 1, f"the holder of {number} should see its task among their own"
    task = tasks[0]
    actions = requests.get(
        f"{stack.urls['workflow']}/api/v1/tasks/{task['id']}/available-actions/", headers=bearer, timeout=5
    ).json()
    action = next(a for a in actions if a["label"] == label)
    response = requests.post(
        f"{stack.urls['workflow']}/api/v1/tasks/{task['id']}/action/",
        json={"action_id": action["id"], "comment": f"{label} via e2e"},
        headers=bearer,
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_a_ticket_is_assigned_worked_and_closed_and_ticket_service_follows(stack, client, admin):
    # given a requester's ticket for IT hardware
    requester = client.login("requester@example.com")
    bearer = {"Authorization": f"Bearer {requester.tokens['access']}"}
    created = requests.post(
        f"{stack.urls['tickets']}/api/v1/tickets/",
        json={
            "subject": "Docking station dead",
            "category": "Hardware",
            "department": "IT",
            "priority": "high",
        },
        headers=bearer,
        timeout=10,
    )
    assert created.status_code == 201, created.text
    ticket_url = f"{stack.urls['tickets']}/api/v1/tickets/{created.json()['id']}/"
    number = created.json()["number"]

    # when each step's assignee takes its action through the API
    for step, label in (("Triage", "Accept"), ("Resolve", "Resolved"), ("Finalize", "Close")):
        holder = client.login(_email_of(stack, admin, _holder(stack, admin, number, step)))
        result = _act(stack, holder, number, label)

    # then the task is completed as closed
    assert result == {"status": "completed", "outcome": "closed", "next_step": None}
    wait_for(
        lambda: requests.get(ticket_url, headers=bearer, timeout=5).json()["status"] == "closed",
        timeout=30,
        what="the closed status in ticket_service",
    )
    ticket = requests.get(ticket_url, headers=bearer, timeout=5).json()
    assert ticket["resolved_at"] is not None
    history = requests.get(ticket_url + "history/", headers=bearer, timeout=5).json()
    assert [h["to_status"] for h in history] == ["open", "in_progress", "in_progress", "closed"]
    assert all(h["assignee"] for h in history[:3])
