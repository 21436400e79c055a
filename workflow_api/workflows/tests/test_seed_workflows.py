"""``manage.py seed_workflows``: three published demo workflows built on the role replica,
safe to run twice, refused without the roles and in production."""

import pytest
from django.core.management import CommandError, call_command
from roles.tests.factories import RoleFactory

from workflows.models import Workflow, WorkflowVersion
from workflows.services import workflow_match

pytestmark = pytest.mark.django_db

ROLE_NAMES = ["Ticket Coordinator", "IT Support", "Asset Manager", "Budget Manager"]


@pytest.fixture
def replica_roles():
    return {name: RoleFactory(id=20 + i, name=name) for i, name in enumerate(ROLE_NAMES)}


def test_it_creates_three_published_workflows(replica_roles):
    # when
    call_command("seed_workflows")

    # then
    workflows = {w.name: w for w in Workflow.objects.select_related("current_version")}
    assert set(workflows) == {"IT support", "Asset check-in/out", "Budget proposal"}
    assert {w.status for w in workflows.values()} == {"published"}
    assert {w.current_version.number for w in workflows.values()} == {1}
    assert [w.name for w in workflows.values() if w.is_default] == ["IT support"]
    budget_roles = {s["role_id"] for s in workflows["Budget proposal"].current_version.definition["steps"]}
    assert budget_roles == {replica_roles["Ticket Coordinator"].id, replica_roles["Budget Manager"].id}


def test_running_it_twice_changes_nothing(replica_roles):
    call_command("seed_workflows")
    first = {w.pk: w.updated_at for w in Workflow.objects.all()}

    call_command("seed_workflows")

    assert {w.pk: w.updated_at for w in Workflow.objects.all()} == first
    assert Workflow.objects.count() == 3
    assert WorkflowVersion.objects.count() == 3


def test_the_seeded_workflows_take_tickets(replica_roles):
    call_command("seed_workflows")

    assert workflow_match(department="finance", category="budget", subcategory="", priority="low").name == (
        "Budget proposal"
    )
    assert (
        workflow_match(department="HR", category="Payroll", subcategory="", priority="low").name
        == "IT support"
    )


def test_without_the_roles_it_fails_naming_the_missing_ones():
    # given only one of the four roles
    RoleFactory(name="IT Support")

    # when
    with pytest.raises(CommandError) as failure:
        call_command("seed_workflows")

    # then
    assert "Ticket Coordinator, Asset Manager, Budget Manager" in str(failure.value)
    assert not Workflow.objects.exists()


def test_a_deleted_role_counts_as_missing(replica_roles):
    replica_roles["Asset Manager"].is_deleted = True
    replica_roles["Asset Manager"].save()

    with pytest.raises(CommandError, match="Asset Manager"):
        call_command("seed_workflows")


def test_it_refuses_to_run_in_production(replica_roles, settings):
    settings.TTS_ENV = "production"

    with pytest.raises(CommandError, match="production"):
        call_command("seed_workflows")

    assert not Workflow.objects.exists()
