"""`make run`: prepare databases, migrate, seed, then start every process with honcho.

PostgreSQL, RabbitMQ and Redis come from the environment (``<SERVICE>_DATABASE_URL``,
``CELERY_BROKER_URL``, ``REDIS_URL``), defaulting to localhost. If any of them cannot
be reached, everything runs in the embedded mode instead (SQLite under var/, a
file-system broker, in-process caches) and this script says so.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.infra import ensure_database, reachable  # noqa: E402
from scripts.services import ROOT, SERVICES, VENV_BIN  # noqa: E402

DEMO_USERS = [
    ("admin@example.com", "tts:Admin, Ticket Coordinator"),
    ("agent@example.com", "IT Support, Ticket Coordinator"),
    ("support@example.com", "IT Support"),
    ("assets@example.com", "Asset Manager"),
    ("budget@example.com", "Budget Manager, Ticket Coordinator"),
    ("requester@example.com", "no role: a requester"),
]
DEMO_PASSWORD = "TtsDemo!2026"


def log(message: str) -> None:
    sys.stdout.write(f"[make run] {message}\n")
    sys.stdout.flush()


def database_url(service) -> str:
    return os.environ.get(
        service.database_url_var(), f"postgres://postgres@127.0.0.1:5432/{service.database}"
    )


def choose_mode(env: dict[str, str]) -> bool:
    """Return True for the embedded mode."""
    if env.get("TTS_EMBEDDED") in {"1", "true", "True"}:
        log("TTS_EMBEDDED is set: running in the embedded mode.")
        return True
    missing = []
    if not all(reachable(database_url(s), 5432) for s in SERVICES):
        missing.append("PostgreSQL")
    if not reachable(env.get("CELERY_BROKER_URL", "amqp://127.0.0.1:5672"), 5672):
        missing.append("RabbitMQ")
    if not reachable(env.get("REDIS_URL", "redis://127.0.0.1:6379/0"), 6379):
        missing.append("Redis")
    if missing:
        log("=" * 72)
        log(f"{', '.join(missing)} not reachable: falling back to the EMBEDDED mode.")
        log("SQLite files under var/, a file-system Celery broker, in-process caches.")
        log("Good for a look around; not for load, and not what production runs.")
        log("=" * 72)
        return True
    return False


def manage(service, *args: str, env: dict[str, str]) -> None:
    subprocess.run([str(VENV_BIN / "python"), "manage.py", *args], cwd=service.path, env=env, check=True)


def main() -> int:
    env = dict(os.environ)
    embedded = choose_mode(env)
    if embedded:
        env["TTS_EMBEDDED"] = "1"
        (ROOT / "var").mkdir(exist_ok=True)
    else:
        for service in SERVICES:
            if ensure_database(database_url(service)):
                log(f"created database {service.database}")
    for service in SERVICES:
        log(f"migrating {service.dir}")
        manage(service, "migrate", "--noinput", "-v", "0", env=env)
    manage(SERVICES[0], "seed_demo", env=env)
    # Republish every role and grant, so a replica that missed messages catches up
    # (consumers skip what they already hold).
    manage(SERVICES[0], "sync_roles", env=env)
    operator_env = dict(env, DJANGO_SUPERUSER_PASSWORD=DEMO_PASSWORD)
    for service in SERVICES[1:]:  # auth_service's admin uses the demo admin account itself
        manage(
            service,
            "ensure_superuser",
            "--username",
            "admin",
            "--email",
            "admin@example.com",
            env=operator_env,
        )

    log("starting every web process, worker and beat (Ctrl-C stops them all)")
    for service in SERVICES:
        base = f"http://127.0.0.1:{service.port}"
        log(f"{service.dir:22} {base}/health/{service.short}/   docs {base}/api/docs/{service.short}/")
    log(f"web UI: http://localhost:{env.get('TTS_WEB_PORT', '1000')}/ (API and /ws/ proxied per DESIGN §3)")
    for email, what in DEMO_USERS:
        log(f"demo login: {email} / {DEMO_PASSWORD}  - {what}")
    log(f"Django admin: /admin/auth/ as admin@example.com, the others as admin / {DEMO_PASSWORD}")
    (ROOT / "var").mkdir(exist_ok=True)
    os.chdir(ROOT)
    honcho = subprocess.Popen([str(VENV_BIN / "honcho"), "start", "-f", "Procfile"], env=env)
    # Demo workflows need the roles auth_service just seeded; they reach workflow_api's
    # replica through the role sync queues once the workers run.
    workflow = next(s for s in SERVICES if s.short == "workflow")
    try:
        manage(workflow, "seed_workflows", "--wait", "120", env=env)
        manage(workflow, "seed_history", env=env)  # weeks of demo work for the dashboards
    except subprocess.CalledProcessError:
        log("could not seed the demo workflows (see above); everything else is running")
    try:
        return honcho.wait()
    except KeyboardInterrupt:  # honcho got the same Ctrl-C and stops its processes
        return honcho.wait()


if __name__ == "__main__":
    sys.exit(main())
