"""Django's PostgreSQL backend, with a health check that costs no round trip.

With CONN_HEALTH_CHECKS, Django checks a persistent connection before a request first uses
it by sending ``SELECT 1``: one more round trip to PostgreSQL on every request, which under
load costs as much as a whole small query (docs/performance.md). A connection the server
has ended (a restart, ``pg_terminate_backend``, a crashed backend) is readable at once:
the server's last message, or the end of the stream. So an idle connection whose socket
has nothing to read is taken as healthy without asking; one that has something to read
is checked as Django does, and closed if the check fails, so the request opens a new one.
What neither check can see is a network path that dropped without a word: ``SELECT 1``
would wait on it as long as the request's own query will.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base

IDLE = 0  # libpq's PQTRANS_IDLE: no transaction open (psycopg2 and psycopg alike)


def quiet(fd: int) -> bool:
    """Whether the socket ``fd`` has nothing to read and no error or hang-up pending."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLERR | select.POLLHUP)
    return not poller.poll(0)


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.connection.closed
            and self.connection.info.transaction_status == IDLE
        ):
            try:
                healthy = quiet(self.connection.fileno())
            except (OSError, ValueError, base.Database.Error):
                healthy = False
            if healthy:
                self.health_check_done = True
                return
        super().close_if_health_check_failed()
