"""A role granted through auth_service's API reaches workflow_api's replica over RabbitMQ."""

from __future__ import annotations

import psycopg2
import requests

from e2e.harness import wait_for


def replica_member(stack, *, role_id: int, user_id: int) -> tuple[bool, bool] | None:
    with psycopg2.connect(stack.database_url("workflow")) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT is_active, user_is_active FROM roles_roleuser WHERE role_id = %s AND user_id = %s",
            [role_id, user_id],
        )
        row = cur.fetchone()
    return tuple(row) if row else None


def test_a_granted_and_revoked_role_reaches_the_workflow_replica(stack, admin):
    # given the requester (no roles) and the IT Support role
    auth = stack.urls["auth"]
    bearer = {"Authorization": f"Bearer {admin.tokens['access']}"}
    users = requests.get(
        f"{auth}/api/v1/users/", params={"search": "requester@"}, headers=bearer, timeout=5
    ).json()
    requester_id = users["results"][0]["id"]
    roles = requests.get(f"{auth}/api/v1/tts/roles/", headers=bearer, timeout=5).json()["results"]
    role_id = next(r["id"] for r in roles if r["name"] == "IT Support")

    # when an admin grants it
    grant = requests.post(
        f"{auth}/api/v1/tts/grants/",
        json={"user_id": requester_id, "role_id": role_id},
        headers=bearer,
        timeout=5,
    )

    # then workflow_api's replica holds the requester as an active IT Support member
    assert grant.status_code == 201, grant.text
    wait_for(
        lambda: replica_member(stack, role_id=role_id, user_id=requester_id) == (True, True),
        timeout=30,
        what="the grant in workflow_api's replica",
    )

    # and when it is revoked, the replica follows
    revoked = requests.delete(f"{auth}/api/v1/tts/grants/{grant.json()['id']}/", headers=bearer, timeout=5)
    assert revoked.status_code == 200, revoked.text
    wait_for(
        lambda: replica_member(stack, role_id=role_id, user_id=requester_id) == (False, True),
        timeout=30,
        what="the revocation in workflow_api's replica",
    )


def test_the_seeded_roles_arrived_and_reconcile_agrees_with_auth_service(stack):
    # given the demo roles and grants seeded before the worker started
    with psycopg2.connect(stack.database_url("workflow")) as conn, conn.cursor() as cur:
        wait_for(
            lambda: (
                cur.execute("SELECT count(*) FROM roles_role WHERE system = 'tts'") or cur.fetchone()[0] == 5
            ),
            timeout=30,
            what="the five seeded roles",
        )

        cur.execute("SELECT count(*) FROM roles_roleuser WHERE is_active AND user_is_active")
        members = cur.fetchone()[0]
        # and a replica that has lost its members (as if messages had been purged)
        cur.execute("DELETE FROM roles_roleuser")
    assert members >= 8

    # when workflow_api reconciles against auth_service's REST API with a service token
    output = stack.manage(
        "workflow", "reconcile_roles", env=dict(stack.env, AUTH_SERVICE_URL=stack.urls["auth"])
    )

    # then it read all five roles and restored every member
    assert "reconciled 5 role(s) of tts" in output
    with psycopg2.connect(stack.database_url("workflow")) as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM roles_roleuser WHERE is_active AND user_is_active")
        assert cur.fetchone()[0] == members
