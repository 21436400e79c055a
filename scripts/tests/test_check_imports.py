from pathlib import Path

from scripts.check_imports import violations

ROOT = Path(__file__).resolve().parents[2]


def _service(root: Path, name: str, app: str, source: str) -> None:
    (root / name / app).mkdir(parents=True)
    (root / name / app / "__init__.py").write_text("")
    (root / name / app / "services.py").write_text(source)


def test_the_repository_has_no_cross_service_imports():
    assert violations(ROOT) == []


def test_it_flags_a_service_importing_another_services_app(tmp_path):
    # given
    _service(tmp_path, "auth_service", "accounts", "")
    _service(tmp_path, "workflow_api", "tickets", "from accounts.models import User\n")

    # when
    found = violations(tmp_path)

    # then
    assert found == ["workflow_api/tickets/services.py:1: workflow_api imports accounts.models"]


def test_it_flags_imports_by_service_directory_name_and_from_the_kernel(tmp_path):
    _service(tmp_path, "ticket_service", "tickets", "import workflow_api.tickets\n")
    _service(tmp_path, "workflow_api", "tickets", "")
    (tmp_path / "libs" / "tts_common").mkdir(parents=True)
    (tmp_path / "libs" / "tts_common" / "x.py").write_text("from tickets import models\n")

    found = violations(tmp_path)

    assert "ticket_service/tickets/services.py:1: ticket_service imports workflow_api.tickets" in found
    assert "libs/tts_common/x.py:1: libs/tts_common imports tickets" in found


def test_a_service_may_import_its_own_apps_and_the_kernel(tmp_path):
    _service(
        tmp_path, "ticket_service", "tickets", "from tickets.models import Ticket\nimport tts_common.jwt\n"
    )
    _service(tmp_path, "workflow_api", "tickets", "from tickets.models import WorkflowTicket\n")

    assert violations(tmp_path) == []
