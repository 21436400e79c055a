"""The Docker deployment, checked without Docker.

docker-compose.yml, docker-compose.prod.yml, the Dockerfiles, nginx's configuration and
.env.example are held against what they must agree with: the Procfile, the gateway table
(frontend/gateway.js), the services' Celery configuration and settings. nginx itself
parses (`nginx -t`) and runs both configurations against stand-in services when it is
installed (`make nginx`); each service passes `manage.py check --deploy` in production.
"""

from __future__ import annotations

import ast
import functools
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from scripts.services import ROOT, SERVICES, VENV_BIN
from tts_common import topology

NGINX_DIR = ROOT / "nginx"
SERVICE_DOCKERFILE = "docker/service.Dockerfile"
BY_DIR = {s.dir: s for s in SERVICES}
BY_SHORT = {s.short: s for s in SERVICES}


# --- reading the files -------------------------------------------------------------------


class ComposeLoader(yaml.SafeLoader):
    """YAML as compose reads it: `!override` and `!reset` mark how an override file merges."""


def _merge_tagged(loader: yaml.SafeLoader, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return loader.construct_scalar(node)


ComposeLoader.add_constructor("!override", _merge_tagged)
ComposeLoader.add_constructor("!reset", _merge_tagged)


@functools.cache
def compose(name: str = "docker-compose.yml") -> dict:
    return yaml.load((ROOT / name).read_text(), Loader=ComposeLoader)


def app_services(services: dict) -> dict[str, dict]:
    """Containers built from the service image, by name."""
    return {
        name: spec
        for name, spec in services.items()
        if isinstance(spec.get("build"), dict) and spec["build"].get("dockerfile") == SERVICE_DOCKERFILE
    }


def role(spec: dict) -> str:
    command = spec.get("command") or []
    if not command:
        return "web"  # the image's own command serves HTTP
    if "migrate" in command:
        return "migrate"
    if "worker" in command:
        return "worker"
    return "beat" if "beat" in command else "other"


def by_role(kind: str) -> dict[str, dict]:
    """{service dir: compose spec} of every container of that role."""
    found: dict[str, dict] = {}
    for name, spec in app_services(compose()["services"]).items():
        if role(spec) == kind:
            directory = spec["build"]["args"]["SERVICE"]
            assert directory not in found, f"two {kind} containers for {directory}"
            found[directory] = {**spec, "name": name}
    return found


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip() and not line.startswith("#"))


def procfile_dir(command: str) -> str | None:
    match = re.match(r"cd (\w+) && ", command)
    return match.group(1) if match else None


def consumed_queues(service_dir: str) -> set[str]:
    """What the service's worker consumes: make_celery(short, consumes=[...]) in its config/celery.py."""
    tree = ast.parse((ROOT / service_dir / "config" / "celery.py").read_text())
    call = next(
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "make_celery"
    )
    short = call.args[0].value
    consumes = next((kw.value for kw in call.keywords if kw.arg == "consumes"), ast.List(elts=[]))
    return {getattr(topology, element.attr) for element in consumes.elts} | {
        topology.maintenance_queue(short)
    }


@functools.cache
def gateway() -> dict:
    """ROUTES and proxyConfig() of frontend/gateway.js, evaluated by node (the Vite proxy's own code)."""
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed (make test installs the UI with npm)")
    script = (
        "const g = await import(process.argv[1]);"
        "console.log(JSON.stringify({routes: g.ROUTES, proxy: g.proxyConfig()}))"
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith(("_SERVICE_URL", "_API_URL"))}
    out = subprocess.run(
        [node, "--input-type=module", "-e", script, (ROOT / "frontend" / "gateway.js").as_uri()],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(out.stdout)


# nginx configuration: a small parser, enough for nginx's syntax as these files use it.
TOKEN = re.compile(r"#[^\n]*|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|[{};]|[^\s{};\"'#]+")


def nginx_parse(text: str) -> list:
    """[(name, [args], children or None), ...]; quotes removed, includes of tts/* inlined."""
    stack: list[list] = [[]]
    words: list[str] = []
    for token in TOKEN.findall(text):
        if token.startswith("#"):
            continue
        if token in ("{", ";"):
            name, args = words[0], words[1:]
            if token == ";" and name == "include":
                included = NGINX_DIR / Path(args[0]).name
                assert args[0].startswith("tts/") and included.is_file(), f"include {args[0]} not found"
                stack[-1].extend(nginx_parse(included.read_text()))
            elif token == ";":
                stack[-1].append((name, args, None))
            else:
                block: list = []
                stack[-1].append((name, args, block))
                stack.append(block)
            words = []
        elif token == "}":
            stack.pop()
        else:
            words.append(token[1:-1] if token[0] in "\"'" else token)
    assert len(stack) == 1 and not words, "unbalanced braces"
    return stack[0]


def nginx_config(name: str) -> list:
    return nginx_parse((NGINX_DIR / name).read_text())


def directives(block: list, name: str) -> list:
    return [(args, children) for n, args, children in block if n == name]


def gateway_server(config: list) -> list:
    """The server block that carries the routes (the TLS one in production)."""
    servers = [children for args, children in directives(config, "server")]
    routed = [s for s in servers if any(args[-1] == "/api/v1/" for args, _ in directives(s, "location"))]
    assert len(routed) == 1
    return routed[0]


def upstreams(config: list) -> dict[str, str]:
    return {
        args[0]: directives(children, "server")[0][0][0] for args, children in directives(config, "upstream")
    }


def nginx_route(config: list, path: str) -> str:
    """Where nginx sends `path`: "host:port" of the upstream, or "ui" for the static web UI.
    nginx's rule: an exact match, else the longest matching prefix (these files use no regex)."""
    locations = directives(gateway_server(config), "location")
    assert not any(args[0] in ("~", "~*", "^~") for args, _ in locations), "extend nginx_route first"
    exact = [children for args, children in locations if args[0] == "=" and args[1] == path]
    if exact:
        chosen = exact[0]
    else:
        prefixes = [(args[0], children) for args, children in locations if path.startswith(args[0])]
        chosen = max(prefixes, key=lambda item: len(item[0]))[1]
    proxy = directives(chosen, "proxy_pass")
    if not proxy:
        return "ui"
    return upstreams(config)[proxy[0][0][0].removeprefix("http://")]


def env_vars_read() -> set[str]:
    """Every environment variable the kernel and the services read (config(...), os.environ),
    test tooling aside (modules that import pytest, hypothesis or schemathesis)."""
    files = list((ROOT / "libs" / "tts_common" / "src").rglob("*.py"))
    for service in SERVICES:
        files += [
            f
            for f in service.path.rglob("*.py")
            if not {"tests", "migrations", "staticfiles"} & set(f.relative_to(service.path).parts)
            and f.name != "conftest.py"
        ]
    names: set[str] = set()
    for path in files:
        tree = ast.parse(path.read_text())
        if _is_test_tooling(tree):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and _reads_env(node.func):
                names |= _names(node.args[0], path)
            elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
                if isinstance(node.ctx, ast.Load):
                    names |= _names(node.slice, path)
    return names


def _is_test_tooling(tree: ast.Module) -> bool:
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    return bool(imported & {"pytest", "hypothesis", "schemathesis"})


def _reads_env(func: ast.expr) -> bool:
    return ast.unparse(func) in {"config", "os.environ.get", "os.getenv"}


def _names(arg: ast.expr, path: Path) -> set[str]:
    if isinstance(arg, ast.Constant):
        return {arg.value}
    if isinstance(arg, ast.JoinedStr):  # f"{env_prefix}_DATABASE_URL": one per service
        pattern = "".join(p.value if isinstance(p, ast.Constant) else "[A-Z]+" for p in arg.values)
        matches = {s.database_url_var() for s in SERVICES if re.fullmatch(pattern, s.database_url_var())}
        assert matches, f"{path}: cannot tell which variables {ast.unparse(arg)} names"
        return matches
    raise AssertionError(f"{path}: an environment variable named by an expression: {ast.unparse(arg)}")


def env_example() -> set[str]:
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.M))


def interpolated(name: str) -> list[tuple[str, str]]:
    """(variable, operator) of every ${...} in a compose file: `:-` default, `:?` required."""
    return re.findall(r"\$\{([A-Z][A-Z0-9_]*)(:[-?]|)", (ROOT / name).read_text())


def dockerfile(name: str) -> str:
    return (ROOT / "docker" / name).read_text()


# --- compose: files, images and order ----------------------------------------------------


def test_compose_files_reference_only_files_that_exist():
    base, prod = compose(), compose("docker-compose.prod.yml")

    for name, spec in base["services"].items():
        build = spec.get("build")
        if build:
            assert (ROOT / build["context"]).is_dir(), name
            assert (ROOT / build["context"] / build["dockerfile"]).is_file(), name
        for volume in spec.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (ROOT / source).exists(), f"{name} mounts {source}"
        for env_file in spec.get("env_file", []):
            assert env_file["path"] == ".env" and env_file["required"] is False, name
    assert (ROOT / ".env.example").is_file()
    assert ".env" in (ROOT / ".gitignore").read_text().split()
    nginx_conf = prod["services"]["nginx"]["build"]["args"]["NGINX_CONF"]
    assert (NGINX_DIR / nginx_conf).is_file() and (NGINX_DIR / "nginx.conf").is_file()
    for line in (
        dockerfile("frontend.Dockerfile").splitlines() + dockerfile("service.Dockerfile").splitlines()
    ):
        if line.startswith("COPY") and "--from" not in line:
            for source in line.split()[1:-1]:
                if not source.startswith("--") and "$" not in source:
                    assert (ROOT / source).exists(), line


def test_each_service_has_its_image_migration_web_and_worker_containers():
    for kind in ("migrate", "web", "worker"):
        containers = by_role(kind)
        assert set(containers) == set(BY_DIR), kind
        for directory, spec in containers.items():
            service, args = BY_DIR[directory], spec["build"]["args"]
            assert (args["SHORT"], int(args["PORT"])) == (service.short, service.port)
            package = re.search(r'^name = "(.+)"', (service.path / "pyproject.toml").read_text(), re.M)[1]
            assert args["PACKAGE"] == package
    # the web containers are named as the Procfile names the processes: the hosts nginx calls
    assert {spec["name"] for spec in by_role("web").values()} == {s.short for s in SERVICES}


def test_migrations_run_once_before_their_service_and_never_makemigrations():
    for directory, migrate in by_role("migrate").items():
        assert migrate["command"] == ["python", "manage.py", "migrate", "--noinput"]
        assert migrate["restart"] == "no"
        assert migrate["depends_on"]["postgres"] == {"condition": "service_healthy"}
        for kind in ("web", "worker"):
            dependency = by_role(kind)[directory]["depends_on"][migrate["name"]]
            assert dependency == {"condition": "service_completed_successfully"}
    texts = [
        (ROOT / f).read_text() for f in ("docker-compose.yml", "docker-compose.prod.yml", "docker/serve.sh")
    ]
    texts += [dockerfile("service.Dockerfile"), dockerfile("frontend.Dockerfile")]
    assert not any("makemigrations" in re.sub(r"#[^\n]*", "", text) for text in texts)


def test_start_order_follows_health_not_sleeps():
    services = compose()["services"]
    assert "pg_isready" in services["postgres"]["healthcheck"]["test"]
    assert "rabbitmq-diagnostics" in services["rabbitmq"]["healthcheck"]["test"]
    assert "redis-cli" in services["redis"]["healthcheck"]["test"]
    for kind in ("web", "worker"):
        for spec in by_role(kind).values():
            assert (
                spec["depends_on"]["rabbitmq"]
                == spec["depends_on"]["redis"]
                == {"condition": "service_healthy"}
            )
    assert services["nginx"]["depends_on"] == {
        spec["name"]: {"condition": "service_healthy"} for spec in by_role("web").values()
    }
    # the web containers keep the image's health check (below); nothing sleeps its way to order
    assert all("healthcheck" not in spec for spec in by_role("web").values())
    assert "sleep" not in (ROOT / "docker-compose.yml").read_text()


def test_postgres_init_script_creates_each_services_database():
    mount = next(v for v in compose()["services"]["postgres"]["volumes"] if "initdb" in v)
    script = (ROOT / mount.split(":")[0]).read_text()

    assert sorted(re.findall(r"^CREATE DATABASE (\w+);", script, re.M)) == sorted(
        s.database for s in SERVICES
    )
    environment = compose()["x-app"]["environment"]
    for service in SERVICES:
        assert environment[service.database_url_var()].endswith(f"@postgres:5432/{service.database}")


def test_compose_workers_consume_what_the_procfile_workers_consume():
    workers = by_role("worker")
    procfile_workers = {name: cmd for name, cmd in procfile().items() if " worker " in cmd}

    assert len(procfile_workers) == len(workers)
    for name, command in procfile_workers.items():
        directory = procfile_dir(command)
        compose_worker = workers[directory]
        argv = compose_worker["command"]
        # same name, same service image, and -Q names exactly what its Celery config consumes
        assert compose_worker["name"] == name
        assert set(argv[argv.index("-Q") + 1].split(",")) == consumed_queues(directory)
    every = set().union(*(consumed_queues(d) for d in workers))
    assert set(topology.MESSAGE_QUEUES) | {topology.maintenance_queue(s) for s in topology.SERVICES} <= every
    # the -Q names are unprefixed, so compose pins the prefix empty
    assert compose()["x-app"]["environment"]["TTS_QUEUE_PREFIX"] == ""


def test_web_servers_match_the_procfile_gunicorn_or_uvicorn():
    for name, command in procfile().items():
        directory = procfile_dir(command)
        if directory in BY_DIR and ("gunicorn" in command or "uvicorn" in command):
            args = by_role("web")[directory]["build"]["args"]
            assert args.get("SERVER", "wsgi") == ("asgi" if "uvicorn" in command else "wsgi"), name
    serve = (ROOT / "docker" / "serve.sh").read_text()
    assert "uvicorn config.asgi:application" in serve and "gunicorn config.wsgi" in serve


def test_beat_runs_once_from_the_kernel():
    beats = by_role("beat")
    assert len(beats) == 1
    assert next(iter(beats.values()))["command"][:3] == ["celery", "-A", "tts_common.beat"]
    assert "tts_common.beat" in procfile()["beat"]


# --- images --------------------------------------------------------------------------------


def test_service_image_is_multi_stage_non_root_and_holds_one_service():
    text = dockerfile("service.Dockerfile")
    makefile_uv = re.search(r"^UV_VERSION := (\S+)", (ROOT / "Makefile").read_text(), re.M)[1]

    assert len(re.findall(r"^FROM ", text, re.M)) >= 3  # uv, builder, runtime
    assert f"ghcr.io/astral-sh/uv:{makefile_uv} " in text
    assert 'uv sync --frozen --no-dev --no-install-workspace --package "${PACKAGE}"' in text
    assert 'uv sync --frozen --no-dev --no-editable --package "${PACKAGE}"' in text
    # from the repository: the workspace's manifests, the kernel, this service, the start script
    copied = {
        source
        for line in text.splitlines()
        if line.startswith("COPY ") and "--from" not in line
        for source in line.split()[1:-1]
        if not source.startswith("--")
    }
    manifests = {"pyproject.toml", "uv.lock", "libs/tts_common/pyproject.toml"}
    manifests |= {f"{s.dir}/pyproject.toml" for s in SERVICES}
    assert copied == manifests | {"libs/tts_common", "${SERVICE}", "docker/serve.sh"}
    runtime = text[text.rindex("\nFROM ") :]
    assert re.search(r"^USER tts$", runtime, re.M) and "useradd --system --uid 10001" in runtime


def test_frontend_image_builds_the_ui_and_runs_nginx_unprivileged():
    text = dockerfile("frontend.Dockerfile")

    assert "npm ci" in text and "npm run build" in text
    runtime = text[text.rindex("\nFROM ") :]
    assert "nginxinc/nginx-unprivileged" in runtime and re.search(r"^USER 101$", runtime, re.M)
    assert "COPY --from=build /frontend/dist /usr/share/nginx/html" in runtime


class _Health(BaseHTTPRequestHandler):
    status = 200
    seen: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        type(self).seen.append(self.path)
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("status", [200, 503])
def test_the_image_health_check_asks_the_services_health_endpoint(status):
    # given the HEALTHCHECK command of the service image, and a stand-in service answering `status`
    match = re.search(r"^HEALTHCHECK .*?\bCMD (\[[^\n]*\])$", dockerfile("service.Dockerfile"), re.M | re.S)
    command = json.loads(match[1])
    _Health.status, _Health.seen = status, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    env = {"PORT": str(server.server_port), "TTS_SERVICE_SHORT": "tickets", "PATH": os.environ["PATH"]}

    # when docker would run it
    try:
        result = subprocess.run([str(VENV_BIN / "python"), *command[1:]], env=env, capture_output=True)
    finally:
        server.shutdown()

    # then it asked /health/<short>/ and reports healthy only on 200
    assert command[0] == "python"
    assert _Health.seen == ["/health/tickets/"]
    assert (result.returncode == 0) is (status == 200)


# --- environment ---------------------------------------------------------------------------


def test_every_variable_the_settings_read_is_explained_in_env_example():
    read = env_vars_read()

    assert {"DJANGO_SECRET_KEY", "JWT_SIGNING_KEY", "AUTH_DATABASE_URL", "EMAIL_HOST"} <= read
    assert read - env_example() == set()


def test_every_variable_the_compose_files_use_is_in_env_example():
    used = {name for f in ("docker-compose.yml", "docker-compose.prod.yml") for name, _ in interpolated(f)}

    assert used - env_example() == set()


def test_development_needs_no_env_and_production_requires_its_secrets():
    assert [name for name, op in interpolated("docker-compose.yml") if op != ":-"] == []
    required = {name for name, op in interpolated("docker-compose.prod.yml") if op == ":?"}
    assert required >= {"DJANGO_SECRET_KEY", "JWT_SIGNING_KEY", "POSTGRES_PASSWORD", "RABBITMQ_PASSWORD"}
    assert required >= {"ALLOWED_HOSTS", "EMAIL_HOST", "TLS_CERT_DIR"}

    # every container that runs Django code runs it in production, with the secrets
    prod = compose("docker-compose.prod.yml")["services"]
    for name in app_services(compose()["services"]):
        environment = prod[name]["environment"]
        assert environment["DJANGO_ENV"] == "production", name
        assert environment["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?"), name
        assert environment["JWT_SIGNING_KEY"].startswith("${JWT_SIGNING_KEY:?"), name
    assert prod["nginx"]["ports"] == ["80:8080", "443:8443"]
    assert prod["mailpit"]["profiles"] == ["mailcatcher"]


# --- the gateway -----------------------------------------------------------------------------


def _web_host(short: str) -> str:
    service = BY_SHORT[short]
    return f"{by_role('web')[service.dir]['name']}:{service.port}"


@pytest.mark.parametrize("conf", ["nginx.conf", "nginx.prod.conf"])
def test_every_gateway_route_is_in_nginx_and_reaches_its_service(conf):
    config = nginx_config(conf)
    locations = {args[-1] for args, _ in directives(gateway_server(config), "location")}

    for prefix, short in gateway()["routes"]:
        assert prefix in locations, f"{conf} has no location {prefix}"
        assert nginx_route(config, prefix + "x") == _web_host(short), prefix
    # the longest prefix wins, as in gateway.js; the UI answers everything else
    assert nginx_route(config, "/api/v1/tts/roles/") == _web_host("auth")
    assert nginx_route(config, "/api/v1/users/token/") == _web_host("auth")
    assert nginx_route(config, "/admin/workflow/") == _web_host("workflow")
    assert nginx_route(config, "/admin/workflows/3") == "ui"  # the UI's own admin pages
    assert nginx_route(config, "/tickets/TKT-2026-000001") == "ui"


def test_every_gateway_route_is_in_the_vite_proxy_and_reaches_its_service():
    table = gateway()
    vite = (ROOT / "frontend" / "vite.config.js").read_text()

    assert re.search(r"server: \{[^}]*proxy: proxyConfig\(\)", vite)
    assert re.search(r"preview: \{[^}]*proxy: proxyConfig\(\)", vite)
    for prefix, short in table["routes"]:
        assert table["proxy"][prefix]["target"] == f"http://127.0.0.1:{BY_SHORT[short].port}", prefix
        assert table["proxy"][prefix]["ws"] is (prefix == "/ws/")


def test_nginx_lets_the_largest_permitted_upload_through(tmp_path):
    from tts_common.settings import common_settings

    defaults = common_settings(
        service="x", short="x", db_name="x", env_prefix="DEPLOYTEST", base_dir=tmp_path
    )
    per_comment = int(
        re.search(
            r"^MAX_FILES_PER_COMMENT = (\d+)",
            (ROOT / "messaging_service/comments/services.py").read_text(),
            re.M,
        )[1]
    )
    server = gateway_server(nginx_config("nginx.conf"))

    def body_limit(prefix: str) -> int:
        block = next(children for args, children in directives(server, "location") if args[-1] == prefix)
        value = directives(block, "client_max_body_size")[0][0][0]
        return int(value[:-1]) * 1024 * 1024

    assert (
        body_limit("/api/v1/tickets/")
        > defaults["ATTACHMENT_MAX_PER_TICKET"] * defaults["ATTACHMENT_MAX_BYTES"]
    )
    assert body_limit("/api/v1/comments/") > per_comment * defaults["ATTACHMENT_MAX_BYTES"]


def test_production_nginx_speaks_tls_12_and_13_only_and_redirects_http():
    config = nginx_config("nginx.prod.conf")
    tls = gateway_server(config)

    assert directives(tls, "ssl_protocols")[0][0] == ["TLSv1.2", "TLSv1.3"]
    assert ["8443", "ssl", "http2", "default_server"] == directives(tls, "listen")[0][0]
    plain = next(c for a, c in directives(config, "server") if directives(c, "listen")[0][0][0] == "8080")
    redirect = next(c for a, c in directives(plain, "location") if a == ["/"])
    assert directives(redirect, "return")[0][0] == ["301", "https://$host$request_uri"]


def test_routes_set_no_headers_of_their_own():
    # nginx gives a location the server's add_header lines only if it has none itself
    assert "add_header" not in re.sub(r"#[^\n]*", "", (NGINX_DIR / "routes.conf").read_text())


# --- nginx itself ----------------------------------------------------------------------------


def _nginx() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        pytest.skip("nginx is not installed: `make nginx` installs Debian's")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Service(BaseHTTPRequestHandler):
    """A stand-in service: answers with its name and what it received."""

    def _answer(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        payload = json.dumps(
            {
                "service": self.server.name,
                "path": self.path,
                "bytes": len(body),
                "headers": {k.lower(): v for k, v in self.headers.items()},
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        # what Django sends too: production nginx must replace these, not add a second copy
        self.send_header("X-Frame-Options", "SAMEORIGIN")
        self.send_header("Strict-Transport-Security", "max-age=1")
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _answer  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.fixture
def services():
    """One stand-in per web service: {compose host name: server}."""
    servers = {}
    for spec in by_role("web").values():
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Service)
        server.name = spec["name"]
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers[spec["name"]] = server
    yield servers
    for server in servers.values():
        server.shutdown()


def _render(tmp: Path, conf: str, services: dict) -> dict[str, int]:
    """A runnable copy of the real configuration under tmp, changed only where it must be
    outside Docker: upstream hosts → the stand-ins, listen ports → free ones, the UI's root
    → a tiny build, and a throwaway self-signed certificate where the volume would be."""
    ports = {"8080": _free_port(), "8443": _free_port()}
    (tmp / "tts").mkdir()
    (tmp / "conf.d").mkdir()
    for name in ("http.conf", "routes.conf"):
        text = (NGINX_DIR / name).read_text()
        text = re.sub(
            r"(server )(\w+):\d+;",
            lambda m: f"{m[1]}127.0.0.1:{services[m[2]].server_port};",
            text,
        )
        text = text.replace("root /usr/share/nginx/html;", f"root {tmp / 'html'};")
        (tmp / "tts" / name).write_text(text)
    text = re.sub(
        r"listen (8080|8443)\b", lambda m: f"listen 127.0.0.1:{ports[m[1]]}", (NGINX_DIR / conf).read_text()
    )
    (tmp / "conf.d" / "default.conf").write_text(text)
    (tmp / "html" / "assets").mkdir(parents=True)
    (tmp / "html" / "index.html").write_text("<!doctype html><title>TTS</title><div id=root></div>")
    (tmp / "html" / "assets" / "index-abc.js").write_text("console.log('ui')")
    (tmp / "tls").mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "1", "-subj", "/CN=localhost", "-keyout", str(tmp / "tls" / "privkey.pem"),
         "-out", str(tmp / "tls" / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    temp = "".join(
        f"{kind}_temp_path {tmp / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root root;\n" if os.geteuid() == 0 else ""  # workers must read the files under tmp
    (tmp / "nginx.conf").write_text(
        f"{user}pid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'} warn;\nevents {{}}\n"
        f"http {{\naccess_log off;\n{temp}include conf.d/default.conf;\n}}\n"
    )
    return ports


@pytest.mark.parametrize("conf", ["nginx.conf", "nginx.prod.conf"])
def test_nginx_accepts_the_configuration(conf, tmp_path, services):
    nginx = _nginx()
    _render(tmp_path, conf, services)

    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


@pytest.fixture
def running_nginx(tmp_path, services):
    """Start nginx on a rendered configuration: yields a function (conf) -> ports."""
    processes = []

    def start(conf: str) -> dict[str, int]:
        nginx = _nginx()
        ports = _render(tmp_path, conf, services)
        command = [nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"]
        processes.append(subprocess.Popen(command, stderr=subprocess.PIPE))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", ports["8080"]), timeout=0.2).close()
                return ports
            except OSError:
                assert processes[-1].poll() is None, processes[-1].stderr.read().decode()
                time.sleep(0.05)
        raise AssertionError("nginx did not start listening")

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


def _fetch(port: int, path: str, *, method="GET", headers=None, body=None, tls=False):
    if tls:
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # the throwaway certificate
        conn = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body, headers={"Host": "tts.example.com", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def test_nginx_routes_each_prefix_to_its_service_and_serves_the_ui(running_nginx):
    port = running_nginx("nginx.conf")["8080"]

    # every route of the gateway table reaches the service that owns it, path unchanged
    for prefix, short in gateway()["routes"]:
        status, _, body = _fetch(port, prefix + "probe/")
        answer = json.loads(body)
        assert (status, answer["service"], answer["path"]) == (200, short, prefix + "probe/")
        assert answer["headers"]["x-forwarded-proto"] == "http"
        assert answer["headers"]["x-forwarded-for"] == "127.0.0.1"
        assert answer["headers"]["host"] == "tts.example.com"
    # the UI: its files, and index.html for its own routes
    status, headers, body = _fetch(port, "/admin/workflows/3")
    assert status == 200 and b"<div id=root>" in body
    assert _fetch(port, "/assets/index-abc.js")[0] == 200
    assert _fetch(port, "/assets/missing.js")[0] == 404
    status, _, body = _fetch(port, "/health/gateway/")
    assert (status, body) == (200, b"ok\n")


def test_nginx_upgrades_websockets_under_ws(running_nginx):
    port = running_nginx("nginx.conf")["8080"]

    status, _, body = _fetch(
        port, "/ws/tickets/TKT-1/", headers={"Upgrade": "websocket", "Connection": "Upgrade"}
    )

    headers = json.loads(body)["headers"]
    assert status == 200 and json.loads(body)["service"] == "messaging"
    assert (headers["upgrade"], headers["connection"]) == ("websocket", "upgrade")


def test_nginx_limits_sign_in_attempts_per_address(running_nginx):
    port = running_nginx("nginx.conf")["8080"]

    statuses = [_fetch(port, "/api/v1/users/token/", method="POST", body=b"{}")[0] for _ in range(25)]
    status, headers, body = _fetch(port, "/api/v1/users/token/", method="POST", body=b"{}")

    assert statuses[:21] == [200] * 21  # 1 + burst 20, then 10 a minute
    assert status == 429 and headers["Content-Type"] == "application/json"
    assert "detail" in json.loads(body)
    assert _fetch(port, "/api/v1/tts/roles/")[0] == 200  # other paths are not limited


def test_nginx_takes_large_bodies_only_where_files_are_uploaded(running_nginx):
    port = running_nginx("nginx.conf")["8080"]
    four_mb = b"x" * (4 * 1024 * 1024)

    assert _fetch(port, "/api/v1/users/", method="POST", body=four_mb)[0] == 413
    status, _, body = _fetch(port, "/api/v1/tickets/", method="POST", body=four_mb)
    assert status == 200 and json.loads(body)["bytes"] == len(four_mb)


def test_production_nginx_sends_the_security_headers_on_every_answer(running_nginx):
    ports = running_nginx("nginx.prod.conf")

    for path in ("/", "/api/v1/tickets/", "/api/v1/users/token/refresh/", "/api/docs/auth/"):
        status, headers, body = _fetch(ports["8443"], path, tls=True)
        assert status == 200, path
        assert headers.get_all("Strict-Transport-Security") == ["max-age=31536000; includeSubDomains"]
        assert headers.get_all("X-Frame-Options") == ["DENY"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        csp = dict(d.strip().split(" ", 1) for d in headers["Content-Security-Policy"].split(";"))
        assert (csp["object-src"], csp["base-uri"], csp["frame-ancestors"]) == ("'none'",) * 3
        assert csp["script-src"] == "'self'"
        assert csp["connect-src"] == "'self' wss://tts.example.com"
        # inline styles only for Swagger UI
        assert csp["style-src"] == ("'self' 'unsafe-inline'" if path.startswith("/api/docs/") else "'self'")
        if path != "/":
            assert json.loads(body)["headers"]["x-forwarded-proto"] == "https"


def test_production_nginx_redirects_http_to_https(running_nginx):
    ports = running_nginx("nginx.prod.conf")

    status, headers, _ = _fetch(ports["8080"], "/tickets/?page=2")

    assert (status, headers["Location"]) == (301, "https://tts.example.com/tickets/?page=2")
    assert _fetch(ports["8080"], "/health/gateway/")[0] == 200  # the container's health check


# --- Django ----------------------------------------------------------------------------------


def test_every_service_passes_check_deploy_in_production(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TTS_", "JWT_"))}
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        JWT_SIGNING_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="tts.example.com",
        CORS_ALLOWED_ORIGINS="https://tts.example.com",
        TTS_VAR_DIR=str(tmp_path),
    )
    command = [str(VENV_BIN / "python"), "manage.py", "check", "--deploy", "--fail-level", "WARNING"]

    runs = {
        s.dir: subprocess.Popen(
            command, cwd=s.path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for s in SERVICES
    }

    for name, run in runs.items():
        output = run.communicate(timeout=120)[0]
        assert run.returncode == 0, f"{name}:\n{output}"
        assert "System check identified no issues" in output, f"{name}:\n{output}"
