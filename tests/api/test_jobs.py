"""What runs when is said in one place (daemon/autobangumi_daemon/jobs.py): a running daemon has
exactly those jobs, and nothing else in the daemon schedules one (a service built later, or not
at all, would otherwise change which jobs exist)."""

from __future__ import annotations

import ast
from pathlib import Path

from autobangumi_daemon.jobs import daemon_jobs
from tests.helpers import Server

DAEMON = Path(__file__).resolve().parents[2] / "daemon" / "autobangumi_daemon"
EXPECTED = {"rss", "rename", "calendar", "offsets", "missing"}


async def test_a_running_daemon_has_the_jobs_of_jobs_py(ready: Server) -> None:
    daemon = ready.running.daemon
    assert daemon is not None and daemon.ctx is not None
    ctx = daemon.ctx
    assert {j.name for j in daemon_jobs(ctx)} == EXPECTED
    assert ctx.program.running
    for name in EXPECTED:
        assert ctx.program.next_run(name) is not None, name
    assert ctx.program.next_run("no-such-job") is None


def test_only_jobs_py_and_app_py_schedule_jobs() -> None:
    scheduling = set()
    for path in DAEMON.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
                if name in ("add_job", "JobSpec"):
                    scheduling.add(path.relative_to(DAEMON).as_posix())
    # program.py is the scheduler itself (it hands each job to APScheduler).
    assert scheduling == {"jobs.py", "app.py", "program.py"}
