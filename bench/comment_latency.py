"""Benchmark: time from a comment's POST to its arrival on another client's websocket.

    .venv/bin/python bench/comment_latency.py [--comments 300] [--processes 2]

Starts its own auth_service, ticket_service and messaging_service processes (own
databases tts_e2e_bench_*, own queue prefix), the messaging ASGI server as PROCESSES
uvicorn processes on the Redis channel layer. A requester opens a ticket; an agent's
browser-like socket is connected to the *last* process; the requester posts COMMENTS
comments one after another to the *first* process over REST. Prints p50/p95/p99/max of
POST-sent → socket-received, and of the POST round trip alone.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from contextlib import ExitStack
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHORTS = ["auth", "tickets", "messaging"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=300)
    parser.add_argument("--processes", type=int, default=2, help="messaging ASGI processes (1 or more)")
    args = parser.parse_args()

    from websockets.sync.client import connect

    from e2e.harness import Client, Stack

    stack = Stack.create("bench")
    stack.env["LOG_LEVEL"] = "WARNING"
    try:
        stack.prepare(SHORTS)
        stack.start_web("auth")
        stack.start_web("tickets")
        messaging = [stack.start_asgi("messaging", label=f"messaging{i}") for i in range(args.processes)]
        client = Client(stack)
        requester = client.login("requester@example.com")
        agent = client.login("admin@example.com")
        bearer = {"Authorization": f"Bearer {requester.tokens['access']}"}
        number = requests.post(
            f"{stack.urls['tickets']}/api/v1/tickets/",
            json={"subject": "Latency", "category": "Network", "department": "IT", "priority": "low"},
            headers=bearer,
            timeout=10,
        ).json()["number"]

        arrived: dict[str, float] = {}
        done = threading.Event()
        opened = ExitStack()
        socket = opened.enter_context(
            connect(
                messaging[-1].replace("http://", "ws://") + f"/ws/tickets/{number}/",
                additional_headers={
                    "Cookie": f"access_token={agent.cookies['access_token']}",
                    "Origin": "http://localhost:1000",
                },
                open_timeout=10,
            )
        )

        def receive():
            while len(arrived) < args.comments:
                event = json.loads(socket.recv(timeout=30))
                if event["type"] == "comment.created":
                    arrived[event["comment"]["body"]] = time.perf_counter()
            done.set()

        receiver = threading.Thread(target=receive, daemon=True)
        receiver.start()
        # as the web UI posts: the HttpOnly cookie plus the double-submit CSRF header
        session = requester
        session.headers["X-CSRFToken"] = requester.cookies["csrftoken"]
        sent: dict[str, float] = {}
        round_trips = []
        for n in range(args.comments):
            body = f"comment {n}"
            sent[body] = time.perf_counter()
            response = session.post(
                f"{messaging[0]}/api/v1/comments/", json={"ticket": number, "body": body}, timeout=10
            )
            round_trips.append((time.perf_counter() - sent[body]) * 1000)
            assert response.status_code == 201, response.text
        if not done.wait(60):
            print(f"only {len(arrived)} of {args.comments} comments arrived on the socket")
            return 1
        opened.close()
        latencies = [(arrived[body] - sent[body]) * 1000 for body in sent]
        print(
            f"{args.comments} comments, POST to process 1, socket on process {args.processes} "
            f"({args.processes} uvicorn processes, Redis channel layer)"
        )
        for label, values in (("POST → socket", latencies), ("POST round trip", round_trips)):
            print(
                f"  {label:16s} p50 {statistics.median(values):6.1f} ms  p95 {percentile(values, 95):6.1f} ms  "
                f"p99 {percentile(values, 99):6.1f} ms  max {max(values):6.1f} ms"
            )
        return 0
    finally:
        stack.destroy(SHORTS)


if __name__ == "__main__":
    sys.exit(main())
