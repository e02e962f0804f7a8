"""`keep_alive_seconds`: Rasa's requests to an endpoint share open connections while idle for less
than that; without it every request opens its own, as in Rasa. Checked against a real aiohttp
server on loopback that reports which client port each request came from."""

from __future__ import annotations

import asyncio
import inspect
import json
import logging

import pytest
from aiohttp import web
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from rasa_addons import action_connection

action_connection.install()


async def start_server(port: int = 0) -> tuple[web.AppRunner, str]:
    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        if body.get("fail"):
            return web.json_response({"error": "refused"}, status=400)
        client_port = request.transport.get_extra_info("peername")[1]
        return web.json_response({"client_port": client_port, "got": body})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app, keepalive_timeout=5)  # as Sanic's default on the action server
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port, reuse_address=True)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    return runner, f"http://127.0.0.1:{port}/webhook"


def client_ports(endpoint_settings: dict, requests: int = 3, pause_s: float = 0.0) -> list[int]:
    """The client port of each of several requests, made one after the other."""

    async def main() -> list[int]:
        runner, url = await start_server()
        endpoint = EndpointConfig(url=url, **endpoint_settings)
        try:
            ports = []
            for number in range(requests):
                if number and pause_s:
                    await asyncio.sleep(pause_s)
                reply = await endpoint.request(json={"n": number}, method="post")
                assert reply["got"] == {"n": number}
                ports.append(reply["client_port"])
            return ports
        finally:
            await action_connection.close_kept_sessions()
            await runner.cleanup()

    return asyncio.run(main())


def test_requests_share_one_connection_when_kept_alive():
    ports = client_ports({"keep_alive_seconds": 2})
    assert len(set(ports)) == 1, ports


def test_without_the_setting_each_request_opens_its_own_connection():
    ports = client_ports({})
    assert len(set(ports)) == 3, ports


def test_a_connection_idle_for_longer_than_the_setting_is_not_reused():
    ports = client_ports({"keep_alive_seconds": 0.2}, requests=2, pause_s=0.6)
    assert len(set(ports)) == 2, ports


@pytest.mark.parametrize("value", ["soon", 0, -1])
def test_a_bad_setting_is_reported_and_rasa_behaviour_kept(value, caplog):
    with caplog.at_level(logging.ERROR, logger=action_connection.__name__):
        ports = client_ports({"keep_alive_seconds": value})
    assert len(set(ports)) == 3
    reports = [r.getMessage() for r in caplog.records if "keep_alive_seconds" in r.getMessage()]
    assert len(reports) == 1, reports  # once per endpoint, not per request
    assert "must be a number of seconds above 0" in reports[0]


def test_each_event_loop_gets_its_own_session():
    """Each Rasa worker runs its own loop: a session made in one must not be used in another."""
    assert len(set(client_ports({"keep_alive_seconds": 2}))) == 1
    # a new loop: no "attached to a different loop" error
    assert len(set(client_ports({"keep_alive_seconds": 2}))) == 1


def test_error_replies_still_reach_rasa_as_before():
    async def main() -> None:
        runner, url = await start_server()
        endpoint = EndpointConfig(url=url, keep_alive_seconds=2)
        try:
            with pytest.raises(ClientResponseError) as raised:
                await endpoint.request(json={"fail": True}, method="post")
            assert raised.value.status == 400
            assert (await endpoint.request(json={"n": 1}, method="post"))["got"] == {"n": 1}
        finally:
            await action_connection.close_kept_sessions()
            await runner.cleanup()

    asyncio.run(main())


def test_a_restarted_action_server_is_reached_on_a_new_connection():
    """The kept connection dies with the server; the next request opens a new one, no error."""

    async def main() -> None:
        runner, url = await start_server()
        endpoint = EndpointConfig(url=url, keep_alive_seconds=2)
        first = (await endpoint.request(json={"n": 1}, method="post"))["client_port"]
        await runner.cleanup()
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        runner, _ = await start_server(port)  # the same address, as after a restart
        try:
            reply = await endpoint.request(json={"n": 2}, method="post")
            assert reply["got"] == {"n": 2} and reply["client_port"] != first
        finally:
            await action_connection.close_kept_sessions()
            await runner.cleanup()

    asyncio.run(main())


def test_remote_actions_reach_the_endpoint_through_session():
    """What install() relies on: Rasa's action calls go through EndpointConfig.request, which
    opens `self.session()`. Should a Rasa release change that, this fails."""
    assert "async with self.session() as session" in inspect.getsource(EndpointConfig.request)
    rasas_run = inspect.unwrap(RemoteAction.run)  # under our kind-failure wrapper, when installed
    assert "self.action_endpoint.request(" in inspect.getsource(rasas_run)


def test_sessions_still_open_at_exit_are_closed_without_a_loop():
    """Rasa's shutdown does not tell us it is stopping: the exit hook closes what is left."""

    async def make() -> object:
        return action_connection.kept_session(EndpointConfig(url="http://127.0.0.1:9/webhook"), 2)

    session = asyncio.run(make())
    assert not session.closed
    action_connection._close_open_sessions()
    assert session.closed


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text() | st.integers() | st.booleans(), inner, max_size=5)
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(json_values)
def test_bodies_are_the_json_that_json_dumps_writes(value):
    assert json.loads(action_connection.dumps_json(value)) == json.loads(json.dumps(value))


def test_nan_and_infinities_read_back_as_from_json_dumps():
    for value in (float("nan"), float("inf"), float("-inf")):
        ours = json.loads(action_connection.dumps_json({"x": value}))["x"]
        assert repr(ours) == repr(json.loads(json.dumps({"x": value}))["x"])


def test_what_ujson_refuses_goes_to_json_dumps(monkeypatch):
    with pytest.raises(TypeError, match="is not JSON serializable"):  # json.dumps's own words
        action_connection.dumps_json({"x": {1, 2}})

    def refuse(*_args, **_kwargs):  # noqa: ANN002, ANN003
        raise OverflowError("too big for ujson")

    monkeypatch.setattr(action_connection.ujson, "dumps", refuse)
    assert action_connection.dumps_json({"x": 1}) == json.dumps({"x": 1})


def test_the_kept_session_sends_bodies_written_by_dumps_json(monkeypatch):
    written = []

    def spy(value):  # noqa: ANN001
        written.append(value)
        return json.dumps(value)

    monkeypatch.setattr(action_connection, "dumps_json", spy)
    client_ports({"keep_alive_seconds": 2}, requests=1)
    assert written == [{"n": 0}]
