"""Every RPC of the contract has an implementation in the running daemon: a method misspelt in a
service class would otherwise answer UNIMPLEMENTED, found only when someone calls it."""

from __future__ import annotations

import inspect

from autobangumi.contract import methods
from autobangumi_daemon.rpc.dispatch import Dispatcher
from tests.helpers import Server


def _dispatcher(server: Server) -> Dispatcher:
    daemon = server.running.daemon
    assert daemon is not None
    return daemon.dispatcher


async def test_every_contract_method_has_an_implementation(server: Server) -> None:
    endpoints = _dispatcher(server).endpoints
    contract = {m.path for m in methods()}
    assert contract and set(endpoints) == contract
    missing = sorted(path for path, ep in endpoints.items() if ep.impl is None)
    assert missing == [], f"RPCs without an implementation: {missing}"


async def test_streaming_rpcs_are_generators_and_unary_ones_coroutines(server: Server) -> None:
    for path, ep in _dispatcher(server).endpoints.items():
        assert ep.impl is not None
        if ep.info.server_streaming:
            assert inspect.isasyncgenfunction(ep.impl), path
        else:
            assert inspect.iscoroutinefunction(ep.impl), path


async def test_service_classes_define_nothing_the_contract_lacks(server: Server) -> None:
    """A public async method on a service that is no RPC is usually a misspelt one."""
    by_service: dict[str, set[str]] = {}
    for m in methods():
        by_service.setdefault(m.service, set()).add(m.name)
    seen = set()
    for ep in _dispatcher(server).endpoints.values():
        svc = getattr(ep.impl, "__self__", None)
        if svc is None or id(svc) in seen:
            continue
        seen.add(id(svc))
        names = by_service[svc.SERVICE]
        extra = [
            n
            for n, fn in inspect.getmembers(type(svc), inspect.isfunction)
            if n[:1].isupper() and n not in names
        ]
        assert extra == [], f"{svc.SERVICE} defines {extra}, which the contract does not have"
