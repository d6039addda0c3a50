"""Sending fuzzed requests for one OpenAPI operation and judging each answer.

Shared by the bounded fuzz test and `bench/reliability/fuzz.py` (a larger budget, a table).
"""

from __future__ import annotations

import http.client
import json
import sqlite3
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import jsonschema
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.reliability.known import known_case
from tests.reliability.proc import ServeProc
from tests.reliability.schemagen import NASTY, SchemaStrategies

# Valid requests to these do what they say (delete, reset, stop, sign out, change the password):
# they run in a second pass, after the "rejections change nothing" pass, on the same server.
DESTRUCTIVE = (
    "Delete",
    "ResetAll",
    "StopProgram",
    "RestartProgram",
    "ClearLog",
    "Logout",
    "UpdateCredentials",
)
# Asked once at the very end instead: the process must exit cleanly.
NOT_FUZZED = ("ProgramService_Shutdown",)
# Checked for "rejections change nothing" (everything else only reads).
READ_ONLY_METHODS = {"get"}

# Answers that are right although 5xx: the downloader is down in this setup (503), and
# AutoBangumi 3.2's contract answers a failed Bangumi.tv calendar fetch with 500.
_DEPENDENCY_DOWN = (502, 503, 504)
_CONTRACT_500 = ("Failed to fetch calendar data from Bangumi.tv.",)


def _allowed_5xx(status: int, body: bytes) -> bool:
    try:
        error = json.loads(body)
    except ValueError:
        return False
    if not isinstance(error, dict) or not error.get("msg_zh"):
        return False
    return status in _DEPENDENCY_DOWN or (status == 500 and error.get("msg_en") in _CONTRACT_500)


@dataclass
class Operation:
    op_id: str
    method: str
    path: str
    spec: dict[str, Any]

    @property
    def public(self) -> bool:
        return self.spec.get("security") == []

    @property
    def response_kind(self) -> str:
        return next(iter(self.spec["responses"]["200"]["content"]))


def operations(doc: dict[str, Any]) -> list[Operation]:
    return [
        Operation(op["operationId"], method, path, op)
        for path, ops in doc["paths"].items()
        for method, op in ops.items()
    ]


@dataclass
class Request:
    method: str
    path: str
    auth: str
    body: Any = None
    raw: bytes | None = None
    content_type: str = "application/json"

    def describe(self) -> str:
        shown = self.raw[:80] if self.raw is not None else json.dumps(self.body, ensure_ascii=False)[:200]
        return f"{self.method.upper()} {self.path[:200]} auth={self.auth} ctype={self.content_type} {shown}"


@dataclass
class Verdict:
    sent: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    known_hits: Counter[str] = field(default_factory=Counter)


class Fuzzer:
    def __init__(self, srv: ServeProc, doc: dict[str, Any], token: str, ids: dict[str, list[Any]]) -> None:
        self.srv = srv
        self.doc = doc
        self.token = token
        self.ids = ids  # values that exist, so some requests reach real rows
        self.gen = SchemaStrategies(doc)
        self.conn: http.client.HTTPConnection | None = None
        self.snapshot_now: dict[str, Any] | None = None
        self.verdict = Verdict()

    # -- strategies -------------------------------------------------------------------------
    def request_strategy(self, op: Operation) -> st.SearchStrategy[Request]:
        params = op.spec.get("parameters", [])
        path_params = {
            p["name"]: st.one_of(
                st.sampled_from(self.ids.get(p["name"], [1])), self.gen.strategy(p["schema"]), NASTY
            )
            for p in params
            if p["in"] == "path"
        }
        query = st.fixed_dictionaries(
            {},
            optional={p["name"]: self.gen.strategy(p["schema"]) for p in params if p["in"] == "query"},
        )
        body_spec = op.spec.get("requestBody")
        body = (
            self.gen.strategy(body_spec["content"]["application/json"]["schema"]) if body_spec else st.none()
        )
        auth = st.sampled_from(["bearer", "bearer", "bearer", "cookie", "none", "garbage"])
        encoding = st.sampled_from(["json"] * 8 + ["garbage", "form", "empty"])

        @st.composite
        def build(draw: st.DrawFn) -> Request:
            path = op.path
            for name, strat in path_params.items():
                value = draw(strat)
                path = path.replace("{" + name + "}", urllib.parse.quote(str(value), safe=""))
            q = draw(query)
            if q:
                path += "?" + urllib.parse.urlencode(
                    {k: json.dumps(v) if isinstance(v, dict | list) else v for k, v in q.items()}
                )
            req = Request(op.method, path, draw(auth))
            enc = draw(encoding)
            if body_spec is None and enc == "json":
                return req
            if enc == "json":
                req.body = draw(body)
            elif enc == "garbage":
                req.raw = draw(st.binary(max_size=64)) + b"\xff\xfe{"
            elif enc == "form":
                req.raw, req.content_type = (
                    b"username=a&password=b&x=%00",
                    "application/x-www-form-urlencoded",
                )
            else:
                req.raw = b""
            return req

        return build()

    # -- sending ----------------------------------------------------------------------------
    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.srv.http_port, timeout=30)
        return self.conn

    def send(self, req: Request, stream: bool = False) -> tuple[int, str, bytes]:
        headers = {"Accept": "application/json"}
        if req.auth == "bearer":
            headers["Authorization"] = f"Bearer {self.token}"
        elif req.auth == "cookie":
            headers["Cookie"] = f"token={self.token}"
        elif req.auth == "garbage":
            headers["Authorization"] = "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"
        data: bytes | None = None
        if req.raw is not None:
            data = req.raw
        elif req.body is not None or req.method in ("post", "put", "patch"):
            data = json.dumps(req.body, ensure_ascii=False).encode("utf-8", "surrogatepass")
        if data is not None:
            headers["Content-Type"] = req.content_type
        conn = self._connection()
        try:
            conn.request(req.method.upper(), req.path, body=data, headers=headers)
            resp = conn.getresponse()
            ctype = resp.getheader("Content-Type", "")
            if stream and resp.status == 200 and ctype.startswith("text/event-stream"):
                # A stream never ends: its status and type are the answer; drop the connection.
                conn.close()
                self.conn = None
                return resp.status, ctype, b""
            payload = resp.read()
            if resp.getheader("Connection", "").lower() == "close":
                conn.close()
                self.conn = None
            return resp.status, ctype, payload
        except (OSError, http.client.HTTPException):
            conn.close()
            self.conn = None
            raise

    # -- data snapshot ----------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for path in ("/rss", "/bangumi/get/all", "/config/get", "/search/provider/config", "/tokens"):
            status, _, body = self.send(Request("get", "/api/v1" + path, "bearer"))
            assert status == 200, (path, status, body[:300])
            out[path] = json.loads(body)
        # Users and passkeys have no list route that shows the hash: read the rows themselves.
        con = sqlite3.connect(f"file:{self.srv.data_dir / 'data.db'}?mode=ro", uri=True, timeout=10)
        try:
            out["user"] = con.execute("SELECT * FROM user").fetchall()
        finally:
            con.close()
        return out

    # -- judging ----------------------------------------------------------------------------
    def _schema_errors(self, schema: dict[str, Any], body: bytes) -> list[str]:
        try:
            value = json.loads(body)
        except ValueError:
            return [f"not JSON: {body[:120]!r}"]
        root = {**schema, "components": self.doc["components"]}
        validator = jsonschema.Draft202012Validator(root)
        return [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator.iter_errors(value)
        ]

    def judge(self, op: Operation, req: Request, check_data: bool) -> None:
        v = self.verdict
        stream = op.response_kind == "text/event-stream"
        try:
            status, ctype, body = self.send(req, stream=stream)
        except (OSError, http.client.HTTPException) as exc:
            v.failures.append(f"{op.op_id}: no answer ({exc!r}) to {req.describe()}")
            return
        v.sent += 1
        v.statuses[status] += 1
        reason = known_case(op.op_id, req, status)
        if reason is not None:
            v.known_hits[reason] += 1
            # A known case may also have changed data: start the comparison afresh.
            self.snapshot_now = None
            return
        problems: list[str] = []
        if status >= 500 and not _allowed_5xx(status, body):
            problems.append(f"status {status}: {body[:300]!r}")
        if not op.public and 200 <= status < 300 and req.auth in ("none", "garbage"):
            problems.append(f"answered {status} without a valid credential")
        # No credential at all: 401 whatever the body (404/405: the path matched no route).
        if not op.public and req.auth == "none" and status not in (401, 404, 405):
            problems.append(f"answered {status} without a credential")
        if status == 200:
            if op.response_kind == "application/json":
                schema = op.spec["responses"]["200"]["content"]["application/json"]["schema"]
                problems += self._schema_errors(schema, body)
            elif stream and ctype.startswith("application/json"):
                # Nothing to stream: the document's JSON alternative (an empty array).
                problems += self._schema_errors(
                    op.spec["responses"]["200"]["content"]["application/json"]["schema"], body
                )
            elif stream and not ctype.startswith("text/event-stream"):
                problems.append(f"stream answered as {ctype}")
        elif status >= 400:
            problems += [
                "error body: " + e
                for e in self._schema_errors({"$ref": "#/components/schemas/ApiError"}, body)
            ]
        if problems:
            v.failures.append(f"{op.op_id}: {'; '.join(problems)[:600]} <- {req.describe()}")
        if not check_data or (op.method in READ_ONLY_METHODS and "Refresh" not in op.op_id):
            return
        after = self.snapshot()
        if status >= 400 and self.snapshot_now is not None and after != self.snapshot_now:
            changed = [k for k in after if after[k] != self.snapshot_now[k]]
            v.failures.append(f"{op.op_id}: rejected with {status} but changed {changed} <- {req.describe()}")
        self.snapshot_now = after

    def fuzz(self, op: Operation, examples: int, check_data: bool) -> None:
        strategy = self.request_strategy(op)
        if check_data and self.snapshot_now is None:
            self.snapshot_now = self.snapshot()

        @settings(
            max_examples=examples,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate],  # no shrinking: every failure is listed as found
        )
        @given(strategy)
        def run(req: Request) -> None:
            self.judge(op, req, check_data)

        run()
