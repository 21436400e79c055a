"""The five services as the run and test scripts see them (names, ports, databases)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"


@dataclass(frozen=True)
class Service:
    dir: str
    short: str
    port: int
    database: str
    env_prefix: str

    @property
    def path(self) -> Path:
        return ROOT / self.dir

    def database_url_var(self) -> str:
        return f"{self.env_prefix}_DATABASE_URL"


SERVICES = [
    Service("auth_service", "auth", 8000, "tts_auth", "AUTH"),
    Service("workflow_api", "workflow", 8002, "tts_workflow", "WORKFLOW"),
    Service("ticket_service", "tickets", 8004, "tts_ticket", "TICKET"),
    Service("messaging_service", "messaging", 8005, "tts_messaging", "MESSAGING"),
    Service("notification_service", "notifications", 8006, "tts_notification", "NOTIFICATION"),
]
