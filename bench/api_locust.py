"""The locust user bench/api.py runs (headless): one endpoint per run, no think time.

``BENCH_TARGETS`` names a JSON file of ``[path, access token]`` pairs; every request takes
one at random, so many callers and many rows are read, not one cached row. Requests come
as the web UI's do: the token in the ``access_token`` cookie (DESIGN §4), and
``X-Forwarded-Proto: https`` as nginx adds in production.
"""

import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, task

TARGETS = json.loads(Path(os.environ["BENCH_TARGETS"]).read_text())
NAME = os.environ.get("BENCH_ENDPOINT", "endpoint")


class Reader(FastHttpUser):
    @task
    def read(self) -> None:
        path, token = random.choice(TARGETS)
        self.client.get(
            path, name=NAME, headers={"Cookie": f"access_token={token}", "X-Forwarded-Proto": "https"}
        )
