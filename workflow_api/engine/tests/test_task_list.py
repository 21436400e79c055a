"""GET /api/v1/tasks/: by default the tasks whose current step I hold; ``?scope=involved``
adds those I worked on or own; ``?scope=all`` is for admins. Filters narrow any scope."""

import json

import pytest
from calendars.selectors import schedules_forget
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tickets.models import WorkflowTicket
from workflows.selectors import version_outlines_forget
from workflows.services import workflow_publish
from workflows.tests.factories import ADMIN_ACTOR, graph_save, single_step_graph, workflow_published

from engine.models import Task, TaskItem
from engine.task_list import DEFAULT_ORDERING, ORDERINGS
from engine.tests.builders import action_id, diagnose_approve_graph
from tts_common.fuzzing import assert_conforms

pytestmark = pytest.mark.django_db

TASKS = "/api/v1/tasks/"


def numbers(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {t["ticket"]["number"] for t in response.json()["results"]}


@pytest.fixture
def four(workflow, team, ingest):
    """Four tasks at Diagnose: agents 200, 201, 202, 200 (in turn); owners 100, 101, 100, 101."""
    return [Task.objects.get(ticket=ingest(priority=p)) for p in ("low", "high", "urgent", "high")]


def test_my_tasks_are_counted_alike_from_the_items_alone_or_narrowed(four, team, client_for):
    # without filters my tasks are counted from the held items alone (engine.task_list)
    agent = client_for(team.agents[0])

    assert agent.get(TASKS).json()["count"] == 2
    assert agent.get(TASKS, {"status": "active"}).json()["count"] == 2
    assert agent.get(TASKS, {"priority": "low"}).json()["count"] == 1
    assert agent.get(TASKS, {"status": "completed"}).json()["count"] == 0


@pytest.mark.parametrize("scope", ["mine", "involved"])
def test_each_scope_lists_the_tasks_the_selector_gives(four, team, client_for, holder, scope):
    # the list's SQL (engine.task_list) and engine.selectors.task_list_for say the same
    from engine.selectors import task_list_for
    from tts_common.authentication import TokenUser

    _, agent = holder(four[0])
    accepted = {"action_id": action_id(agent, four[0], "Accept"), "comment": "ok"}
    assert agent.post(f"{TASKS}{four[0].pk}/action/", accepted, format="json").status_code == 200
    seen = set()
    for member in [*team.agents, *team.coordinators, *team.supervisors]:
        user = TokenUser(id=str(member.user_id), email=member.email, name=member.name)
        expected = set(task_list_for(user=user, scope=scope).values_list("id", flat=True))

        listed = client_for(member).get(TASKS, {"scope": scope, "page_size": 100}).json()["results"]

        assert {t["id"] for t in listed} == expected, (member.user_id, scope)
        seen |= expected
    assert seen == {t.pk for t in four}  # every task is someone's, so nothing passed by being empty


def test_an_agent_lists_the_tasks_whose_current_step_they_hold(four, team, client_for):
    response = client_for(team.agents[0]).get(TASKS)

    assert numbers(response) == {four[0].ticket.ticket_number, four[3].ticket.ticket_number}
    assert response.json()["count"] == 2


def test_a_task_leaves_my_list_when_it_moves_on_but_stays_involved(four, team, client_for):
    # given agent 200 accepts one of their tasks
    agent = client_for(team.agents[0])
    agent.post(
        f"{TASKS}{four[0].pk}/action/",
        {"action_id": action_id(agent, four[0], "Accept"), "comment": "ok"},
        format="json",
    )

    # then
    assert numbers(agent.get(TASKS)) == {four[3].ticket.ticket_number}
    assert numbers(agent.get(TASKS, {"scope": "involved"})) == {
        four[0].ticket.ticket_number,
        four[3].ticket.ticket_number,
    }


def test_the_owner_is_involved_in_the_tasks_they_own(four, team, client_for):
    coordinator = client_for(team.coordinators[0])

    assert numbers(coordinator.get(TASKS)) == set()
    assert numbers(coordinator.get(TASKS, {"scope": "involved"})) == {
        four[0].ticket.ticket_number,
        four[2].ticket.ticket_number,
    }


def test_an_admin_lists_every_task(four, admin_client):
    assert numbers(admin_client.get(TASKS, {"scope": "all"})) == {t.ticket.ticket_number for t in four}


def test_an_agent_may_not_list_every_task(four, team, client_for):
    response = client_for(team.agents[0]).get(TASKS, {"scope": "all"})

    assert response.status_code == 403
    assert_conforms("workflow", "GET /api/v1/tasks/", response)


def test_an_unknown_scope_is_400(team, client_for):
    response = client_for(team.agents[0]).get(TASKS, {"scope": "everything"})

    assert response.status_code == 400
    assert "scope" in response.json()


def test_it_filters_by_priority(four, admin_client):
    assert numbers(admin_client.get(TASKS, {"scope": "all", "priority": "high"})) == {
        four[1].ticket.ticket_number,
        four[3].ticket.ticket_number,
    }


def test_it_filters_by_status(four, admin_client):
    # given one task on hold
    admin_client.post(f"{TASKS}{four[2].pk}/hold/", {"reason": "waiting for parts"}, format="json")

    # then
    assert numbers(admin_client.get(TASKS, {"scope": "all", "status": "on_hold"})) == {
        four[2].ticket.ticket_number
    }
    assert len(numbers(admin_client.get(TASKS, {"scope": "all", "status": "active"}))) == 3


def test_it_filters_by_workflow(four, team, ingest, admin_client):
    # given a task of another workflow
    nodes, edges = single_step_graph(team.support_role.id)
    other = workflow_published(name="Ops", department="Ops", category="Ops", nodes=nodes, edges=edges)
    ops = ingest(department="Ops", category="Ops")

    # then
    assert numbers(admin_client.get(TASKS, {"scope": "all", "workflow": other.pk})) == {ops.ticket_number}
    assert len(numbers(admin_client.get(TASKS, {"scope": "all", "workflow": four[0].workflow_id}))) == 4


@pytest.mark.parametrize("query", [{"priority": "asap"}, {"status": "sleeping"}, {"workflow": "x"}])
def test_a_bad_filter_value_is_400(team, client_for, query):
    response = client_for(team.agents[0]).get(TASKS, query)

    assert response.status_code == 400
    assert set(query) <= set(response.json())


def test_urgent_tasks_come_first(four, admin_client):
    results = admin_client.get(TASKS, {"scope": "all"}).json()["results"]

    assert [t["ticket"]["priority"] for t in results] == ["urgent", "high", "high", "low"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("-priority_rank", ["urgent", "high", "high", "low"]),
        ("priority_rank", ["low", "high", "high", "urgent"]),
    ],
)
def test_tasks_can_be_ordered_by_urgency_either_way(four, admin_client, ordering, expected):
    results = admin_client.get(TASKS, {"scope": "all", "ordering": ordering}).json()["results"]

    assert [t["ticket"]["priority"] for t in results] == expected


def sent(queries) -> list[str]:
    """The statements run, a prepared one's (tts_common.prepared) read back by its name."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, statement FROM pg_prepared_statements")
        prepared = {n: s.split(" AS ", 1)[1].split("; EXECUTE ", 1)[0] for n, s in cursor.fetchall()}
    found = []
    for query in queries.captured_queries:
        sql = query["sql"].split("; EXECUTE ", 1)[0]
        if sql.startswith(("PREPARE ", "EXECUTE ")):
            sql = prepared[sql.split()[1].split("(")[0]]
        found.append(sql)
    return found


def test_counting_my_tasks_does_not_read_the_tickets(four, team, client_for):
    with CaptureQueriesContext(connection) as queries:
        response = client_for(team.agents[0]).get(TASKS)

    assert response.json()["count"] == 2
    count = next(sql for sql in sent(queries) if sql.startswith("SELECT COUNT(*)"))
    assert "tickets_workflowticket" not in count


def test_a_listed_task_names_its_ticket_workflow_version_and_step(four, team, client_for):
    results = client_for(team.agents[0]).get(TASKS).json()["results"]
    first = next(t for t in results if t["id"] == four[0].pk)

    assert first["ticket"]["number"] == four[0].ticket.ticket_number
    assert first["workflow"] == {"id": four[0].workflow_id, "name": "IT support", "version": 1}
    assert first["current_step"]["name"] == "Diagnose"
    assert first["current_step"]["instructions"] == "Find out what is wrong."
    assert first["status"] == "active"


def test_a_listed_task_keeps_the_step_of_its_own_version_after_a_new_one(workflow, team, ingest, client_for):
    # given a task at Diagnose, then version 2 renames the step and rewrites its instructions
    old = Task.objects.get(ticket=ingest())
    nodes, edges = diagnose_approve_graph(team)
    nodes[0] = {**nodes[0], "name": "Triage", "instructions": "Sort it out."}
    graph_save(workflow, nodes, edges)
    workflow_publish(workflow=workflow, actor=ADMIN_ACTOR)
    new = Task.objects.get(ticket=ingest())

    # when their agents list their tasks
    listed = {
        t["id"]: t
        for member in (old.items.get().assignee_id, new.items.get().assignee_id)
        for t in client_for(next(a for a in team.agents if a.user_id == member)).get(TASKS).json()["results"]
    }

    # then each shows its own version's step
    assert listed[old.pk]["workflow"]["version"] == 1
    assert listed[old.pk]["current_step"] == {
        "id": old.current_step_id,
        "name": "Diagnose",
        "instructions": "Find out what is wrong.",
    }
    assert listed[new.pk]["workflow"]["version"] == 2
    assert listed[new.pk]["current_step"] == {
        "id": new.current_step_id,
        "name": "Triage",
        "instructions": "Sort it out.",
    }


def test_a_process_reads_a_version_once_for_all_its_task_lists(four, team, client_for):
    # given a process that has listed these tasks once
    version_outlines_forget()
    client = client_for(team.agents[0])
    client.get(TASKS)

    # when the agent lists them again
    with CaptureQueriesContext(connection) as queries:
        response = client.get(TASKS)

    # then the published version (which never changes) is not read again
    assert response.json()["results"][0]["workflow"]["version"] == 1
    assert not [q for q in queries.captured_queries if "workflows_workflowversion" in q["sql"]]


def count_queries(client, query) -> int:
    version_outlines_forget()  # as a process that has not listed these versions yet
    with CaptureQueriesContext(connection) as queries:
        response = client.get(TASKS, query)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("scope", ["mine", "involved", "all"])
def test_listing_costs_the_same_queries_for_one_task_or_five(workflow, team, ingest, admin_client, scope):
    def arrive():
        """A task whose current step the admin (user 1) holds, so every scope lists it."""
        TaskItem.objects.filter(task__ticket=ingest()).update(assignee_id=1)

    # given one task
    arrive()
    one = count_queries(admin_client, {"scope": scope})

    # when four more arrive
    for _ in range(4):
        arrive()

    # then
    assert admin_client.get(TASKS, {"scope": scope}).json()["count"] == 5
    assert count_queries(admin_client, {"scope": scope}) == one


@pytest.mark.parametrize("scope", ["mine", "all"])
def test_tasks_counted_in_business_hours_list_in_at_most_four_queries(team, ingest, admin_client, scope):
    # given tasks whose SLAs count the office calendar's working hours
    from calendars.models import Calendar
    from calendars.services import OFFICE, calendars_ensure_defaults

    calendars_ensure_defaults()
    nodes, edges = diagnose_approve_graph(team)
    workflow_published(
        name="Office hours",
        nodes=nodes,
        edges=edges,
        sla_targets={"high": {"first_response_minutes": 60, "resolution_minutes": 960}},
        calendar=Calendar.objects.get(name=OFFICE),
        is_default=True,
    )
    for _ in range(3):
        TaskItem.objects.filter(task__ticket=ingest(priority="high")).update(assignee_id=1)

    # when a process lists them for the first time (their version and calendar not yet read)
    version_outlines_forget()
    schedules_forget()
    with CaptureQueriesContext(connection) as cold:
        response = admin_client.get(TASKS, {"scope": scope})
    with CaptureQueriesContext(connection) as warm:
        admin_client.get(TASKS, {"scope": scope})

    # then: count, page, versions, calendars; and afterwards only the count and the page
    assert response.status_code == 200
    tasks = response.json()["results"]
    assert len(tasks) == 3 and all(t["sla"]["remaining_minutes"] is not None for t in tasks)
    assert len(cold) <= 4, [q["sql"] for q in cold.captured_queries]
    assert len(warm) == 2, [q["sql"] for q in warm.captured_queries]


# The list is read with SQL written for it (engine.task_list); these hold it to what the
# ORM's queryset, django-filter, DRF's search and ordering and TaskSerializer give.


@pytest.fixture
def varied(four, team, ingest, admin_client, monkeypatch):
    """``four`` (no SLA), one of them on hold and one completed, and three tasks whose SLA
    counts the office calendar's hours, one of those on hold; the clock then stands still,
    so that SLA figures compare."""
    from calendars.models import Calendar
    from calendars.services import OFFICE, calendars_ensure_defaults
    from django.utils import timezone

    admin_client.post(f"{TASKS}{four[2].pk}/hold/", {"reason": "waiting for parts"}, format="json")
    Task.objects.filter(pk=four[1].pk).update(
        status=Task.Status.COMPLETED, current_step_id="", completed_at=timezone.now()
    )
    calendars_ensure_defaults()
    nodes, edges = diagnose_approve_graph(team)
    workflow_published(
        name="Office hours",
        department="Office",
        category="Office",
        nodes=nodes,
        edges=edges,
        sla_targets={p: {"first_response_minutes": 60, "resolution_minutes": 960} for p in ("low", "high")},
        calendar=Calendar.objects.get(name=OFFICE),
    )
    office = [ingest(priority=p, department="Office", category="Office") for p in ("high", "low", "high")]
    office = [Task.objects.get(ticket=t) for t in office]
    admin_client.post(f"{TASKS}{office[1].pk}/hold/", {"reason": "asked the user"}, format="json")
    frozen = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    return [*four, *office]


def listed(client, **query) -> list[dict]:
    response = client.get(TASKS, {"scope": "all", "page_size": 100, **query})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_a_listed_task_is_what_task_serializer_renders(varied, admin_client):
    from rest_framework.renderers import JSONRenderer

    from engine.serializers import TaskSerializer

    tasks = Task.objects.select_related("ticket", "workflow__calendar").order_by("pk")
    expected = {t.pk: json.loads(JSONRenderer().render(TaskSerializer(t).data)) for t in tasks}

    got = {t["id"]: t for t in listed(admin_client)}

    assert got == expected
    assert {t["sla"]["state"] for t in got.values()} == {"none", "paused", "on_track"}
    assert {t["status"] for t in got.values()} == {"active", "on_hold", "completed"}


@pytest.mark.parametrize(
    "ordering",
    [
        "created_at",
        "-created_at",
        "updated_at",
        "-updated_at",
        "target_resolution_at",
        "-target_resolution_at",
        "priority_rank",
        "-priority_rank",
        "-priority_rank,created_at",
        "ticket__subject",  # not offered: the default order
        "",
    ],
)
def test_tasks_are_ordered_as_the_orm_orders_them(varied, admin_client, ordering):
    from django.db.models import F

    from tts_common.filters import priority_rank

    terms = [t for t in ordering.split(",") if t.lstrip("-") in ORDERINGS] or list(DEFAULT_ORDERING)
    by = [
        (F(t.lstrip("-")).desc() if t.startswith("-") else F(t.lstrip("-")).asc())
        if t.lstrip("-") != "priority_rank"
        else (
            priority_rank("ticket__priority").desc()
            if t.startswith("-")
            else priority_rank("ticket__priority")
        )
        for t in terms
    ]
    expected = list(Task.objects.order_by(*by, "id").values_list("id", flat=True))

    assert [t["id"] for t in listed(admin_client, ordering=ordering)] == expected


def test_search_finds_every_word_in_the_number_or_the_subject(four, ingest, admin_client):
    printer = ingest(subject="The 3rd-floor PRINTER jams", department="IT")
    ingest(subject="Printer toner is low")
    discount = ingest(subject="Refund 100% of it_now")

    def found(search):
        return {t["ticket"]["number"] for t in listed(admin_client, search=search)}

    assert found("printer JAMS") == {printer.ticket_number}
    assert found(f"{printer.ticket_number.lower()} printer") == {printer.ticket_number}
    assert found('"floor printer"') == {printer.ticket_number}
    assert found("100%") == {discount.ticket_number}
    assert found("t_n") == {discount.ticket_number}  # _ is a character, not a wildcard
    assert found("printer,toner") == {
        t.ticket_number for t in WorkflowTicket.objects.filter(subject__icontains="toner")
    }
    assert len(found("")) == 7


def test_it_filters_by_department_and_combines_filters(four, admin_client):
    # given the tickets of two tasks, one high and one low, moved to Legal
    WorkflowTicket.objects.filter(pk__in=[four[0].ticket_id, four[1].ticket_id]).update(department="Legal")

    # then
    assert {t["id"] for t in listed(admin_client, department="Legal")} == {four[0].pk, four[1].pk}
    assert [t["id"] for t in listed(admin_client, department="Legal", priority="high")] == [four[1].pk]


@pytest.mark.parametrize(
    "query",
    [
        {"workflow": "1.5"},
        {"workflow": "-1"},
        {"workflow": "9" * 30},
        {"search": "a\x00b"},
        {"department": "\x00"},
    ],
)
def test_values_the_list_cannot_take_are_400_with_the_reason(team, client_for, query):
    response = client_for(team.agents[0]).get(TASKS, query)

    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_pages_follow_on_without_overlap_and_past_the_end_is_404(four, admin_client):
    first = admin_client.get(TASKS, {"scope": "all", "page_size": 3}).json()
    second = admin_client.get(first["next"]).json()

    assert first["count"] == second["count"] == 4
    assert len(first["results"]) == 3 and len(second["results"]) == 1
    assert {t["id"] for t in first["results"] + second["results"]} == {t.pk for t in four}
    assert second["next"] is None and second["previous"]
    assert admin_client.get(TASKS, {"scope": "all", "page_size": 3, "page": 3}).status_code == 404


def test_above_the_exact_count_the_count_is_estimated_and_paging_goes_on_while_pages_are_full(
    four, admin_client, settings
):
    settings.PAGINATION_EXACT_COUNT_UP_TO = 2

    first = admin_client.get(TASKS, {"scope": "all", "page_size": 2}).json()
    second = admin_client.get(first["next"]).json()
    beyond = admin_client.get(TASKS, {"scope": "all", "page_size": 2, "page": 5})

    assert first["count"] >= 3
    assert {t["id"] for t in first["results"] + second["results"]} == {t.pk for t in four}
    assert beyond.status_code == 200 and beyond.json()["results"] == []
