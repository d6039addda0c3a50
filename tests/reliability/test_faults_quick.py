"""The fault scenarios that take seconds, in `make test`; the rest (and more rounds) run in
`make reliability` (bench/reliability/)."""

from __future__ import annotations

import pytest

from bench.reliability.faults import bridge_survives_daemon_restart, kill_during_config_writes, sqlite_locked


@pytest.mark.timeout(180)
def test_kill_9_during_config_writes_leaves_a_whole_config() -> None:
    _name, outcome, ok = kill_during_config_writes(2)
    assert ok, outcome


@pytest.mark.timeout(180)
def test_bridge_recovers_when_its_daemon_restarts() -> None:
    _name, outcome, ok = bridge_survives_daemon_restart(1)
    assert ok, outcome


@pytest.mark.timeout(180)
def test_a_locked_database_delays_writes_and_loses_none() -> None:
    _name, outcome, ok = sqlite_locked(1)
    assert ok, outcome
