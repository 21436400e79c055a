import email
import email.policy
import socket
import socketserver
import threading
from dataclasses import dataclass, field

import pytest

from notifications.services import notification_receive
from notifications.tests.factories import NotificationPayloadFactory
from tts_common.messages import NotificationSchema, parse

WEB_URL = "https://tts.example.test"


@pytest.fixture
def rita(client_as):
    return client_as(user_id="101", email="rita@example.com", name="Rita Requester", roles=[])


@pytest.fixture
def omar(client_as):
    return client_as(user_id="202", email="omar@example.com", name="Omar Other", roles=[])


@pytest.fixture
def web_url(settings):
    """A fixed public address, so deep links in emails are predictable."""
    settings.TTS_WEB_URL = WEB_URL
    return WEB_URL


@pytest.fixture
def receive():
    """``receive(**payload_overrides)`` → (notification, created), as the consumer stores it."""

    def _receive(**overrides):
        payload = overrides.pop("payload", None) or NotificationPayloadFactory(**overrides)
        return notification_receive(message=parse(NotificationSchema, payload))

    return _receive


@pytest.fixture
def mailbox(settings, mailoutbox):
    """Django's in-memory backend, for tests where only the email's content matters."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return mailoutbox


@pytest.fixture
def smtp_unreachable(settings):
    """The real SMTP backend pointed at a local port nobody listens on: every send fails."""
    with socket.socket() as probe:  # bind, read the port, close: the port is now closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 1
    return port


@dataclass
class ReceivedMail:
    mail_from: str
    rcpt_to: list[str]
    raw: bytes

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.raw, policy=email.policy.default)


@dataclass
class SmtpSink:
    host: str
    port: int
    received: list[ReceivedMail] = field(default_factory=list)
    sessions: int = 0  # connections opened to it
    refused: set[str] = field(default_factory=set)  # recipients it answers 550 to
    # a slow server: with ``release`` set to an Event, the first message's "250 queued" waits
    # for it (``holding`` tells the message is in); the messages after are answered at once
    release: threading.Event | None = None
    holding: threading.Event = field(default_factory=threading.Event)


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough RFC 5321 for smtplib: greet, EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        sink: SmtpSink = self.server.sink
        sink.sessions += 1
        mail_from, rcpt_to = "", []
        self.reply("220 sink.test ESMTP")
        while line := self.rfile.readline():
            verb = line.decode("ascii", "replace").strip()
            upper = verb.upper()
            if upper.startswith("EHLO"):
                self.reply("250-sink.test")
                self.reply("250 8BITMIME")
            elif upper.startswith("HELO"):
                self.reply("250 sink.test")
            elif upper.startswith("MAIL FROM:"):
                mail_from, rcpt_to = verb[10:].split()[0].strip("<>"), []
                self.reply("250 OK")
            elif upper.startswith("RCPT TO:"):
                recipient = verb[8:].split()[0].strip("<>")
                if recipient in sink.refused:
                    self.reply(f"550 5.1.1 <{recipient}>: Recipient address rejected")
                else:
                    rcpt_to.append(recipient)
                    self.reply("250 OK")
            elif upper == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(data[1:] if data.startswith(b"..") else data)  # undo dot-stuffing
                sink.received.append(ReceivedMail(mail_from, rcpt_to, b"".join(lines)))
                if sink.release is not None and not sink.holding.is_set():
                    sink.holding.set()
                    sink.release.wait(10)
                self.reply("250 OK: queued")
            elif upper in ("RSET", "NOOP"):
                self.reply("250 OK")
            elif upper == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on a local port (a thread), with the SMTP backend pointed at it.
    It refuses the recipients in ``refused`` (550), as a server does an unknown mailbox."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpHandler)
    server.daemon_threads = True
    host, port = server.server_address
    server.sink = SmtpSink(host=host, port=port)
    thread = threading.Thread(target=server.serve_forever, name="smtp-sink", daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = host
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server.sink
    server.shutdown()
    server.server_close()
