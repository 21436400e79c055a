"""Live pushes from synchronous code share one event loop per process, so the Redis channel
layer's connections are reused from one push to the next instead of opened per push."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from tts_common import live


def test_pushes_reach_the_users_group_and_share_one_loop():
    # given a connection of user 5 and one of user 6, as two open browsers
    layer = get_channel_layer()
    five, six = async_to_sync(layer.new_channel)(), async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(live.user_group(5), five)
    async_to_sync(layer.group_add)(live.user_group(6), six)
    try:
        # when two batches of pushes are sent
        assert live.live_push_many([(5, {"n": 1}), (6, {"n": 2})])
        loop = live._push_loop()
        assert live.live_push_many([(5, {"n": 3})])

        # then each user heard their own events, in order, and both batches ran on one loop
        async def heard():
            return [await layer.receive(five), await layer.receive(five), await layer.receive(six)]

        assert async_to_sync(heard)() == [
            {"type": live.EVENT_TYPE, "event": {"n": 1}},
            {"type": live.EVENT_TYPE, "event": {"n": 3}},
            {"type": live.EVENT_TYPE, "event": {"n": 2}},
        ]
        assert live._push_loop() is loop and loop.is_running()
    finally:
        async_to_sync(layer.group_discard)(live.user_group(5), five)
        async_to_sync(layer.group_discard)(live.user_group(6), six)


def test_a_layer_that_does_not_answer_is_reported_not_raised(monkeypatch):
    # given a channel layer whose sends fail
    class Broken:
        async def group_send(self, group, message):
            raise ConnectionError("redis is down")

    monkeypatch.setattr("channels.layers.get_channel_layer", lambda: Broken())
    warnings = []
    monkeypatch.setattr(live.logger, "warning", lambda msg, **kw: warnings.append((msg, kw["extra"])))

    # then the push says so and logs it, and the caller's work goes on
    assert live.live_push_many([(5, {"n": 1})]) is False
    assert warnings == [("live push failed", {"pushes": 1, "error": "ConnectionError('redis is down')"})]


def test_a_push_that_hangs_is_given_up_and_cancelled(monkeypatch):
    import asyncio
    import time

    # given a channel layer that hangs on its first send, and a short timeout
    sends, cancelled = [], []

    class Hanging:
        async def group_send(self, group, message):
            sends.append(group)
            if len(sends) == 1:
                try:
                    await asyncio.sleep(30)
                except asyncio.CancelledError:
                    cancelled.append(group)
                    raise

    monkeypatch.setattr("channels.layers.get_channel_layer", lambda: Hanging())
    monkeypatch.setattr(live, "PUSH_TIMEOUT", 0.2)

    # when two pushes follow each other
    started = time.monotonic()
    first = live.live_push_many([(5, {"n": 1})])
    second = live.live_push_many([(6, {"n": 2})])

    # then the first gave up after the timeout (its send cancelled, not left running on the
    # loop), and the second went through at once
    assert (first, second) == (False, True)
    assert time.monotonic() - started < 5
    assert sends == [live.user_group(5), live.user_group(6)]
    assert cancelled == [live.user_group(5)]
