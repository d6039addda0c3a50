"""Hypothesis strategies from the JSON Schema subset the OpenAPI document uses.

Written here because hypothesis-jsonschema does not work with the Hypothesis this project pins.
Values mostly fit their schema (so requests reach the handlers), and now and then do not
(wrong types, out-of-range integers, unknown keys, control characters), so rejections are
exercised too.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

Schema = dict[str, Any]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
# Hostile strings: NUL and other control characters, traversal, long, non-BMP, SQL and markup.
NASTY = st.sampled_from(
    [
        "",
        "\x00",
        "a\x00b",
        "\x1b[31m",
        "../../../../etc/passwd",
        "/etc/passwd",
        "..",
        "x" * 5000,
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🎌",
        "'; DROP TABLE bangumi; --",
        "<script>alert(1)</script>",
        "%00%2e%2e%2f",
        "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
        "http://127.0.0.1:1/x",
        "file:///etc/passwd",
    ]
)
_INT_EDGES = st.sampled_from([0, -1, 1, 2**31 - 1, 2**31, -(2**31) - 1, 2**63, -(2**63) - 1, 2**64])


class SchemaStrategies:
    def __init__(self, doc: dict[str, Any], off_schema: float = 0.15) -> None:
        self.doc = doc
        self.off_schema = off_schema

    def resolve(self, schema: Schema) -> Schema:
        while "$ref" in schema:
            schema = self.doc["components"]["schemas"][schema["$ref"].removeprefix("#/components/schemas/")]
        return schema

    def strategy(self, schema: Schema, depth: int = 0) -> st.SearchStrategy[Any]:
        fit = self._fit(schema, depth)
        # One draw in about seven is off the schema, so handlers also meet what they must refuse.
        return st.one_of(*([fit] * 6), JSON | NASTY | _INT_EDGES) if depth == 0 else fit

    def _fit(self, schema: Schema, depth: int) -> st.SearchStrategy[Any]:
        schema = self.resolve(schema)
        if not schema or depth > 6:
            return JSON
        if "const" in schema:
            return st.just(schema["const"])
        if "enum" in schema:
            return st.sampled_from(schema["enum"]) | st.text(max_size=6)
        if "anyOf" in schema:
            return st.one_of(*(self._fit(s, depth + 1) for s in schema["anyOf"]))
        kind = schema.get("type")
        if kind == "null":
            return st.none()
        if kind == "boolean":
            return st.booleans()
        if kind == "integer":
            low = schema.get("minimum")
            return st.integers(min_value=low, max_value=10_000) | st.integers(-5, 50) | _INT_EDGES
        if kind == "number":
            return st.floats(allow_nan=False, allow_infinity=False) | st.integers(-5, 50)
        if kind == "string":
            return st.text(max_size=40) | NASTY | st.sampled_from(["1", "tester", "https://example.invalid/"])
        if kind == "array":
            return st.lists(self._fit(schema.get("items", {}), depth + 1), max_size=4)
        if kind == "object":
            props: dict[str, Schema] = schema.get("properties", {})
            if not props:
                return st.dictionaries(st.text(max_size=8), JSON, max_size=4)
            fields = {k: self._fit(v, depth + 1) for k, v in props.items()}
            return st.fixed_dictionaries({}, optional=fields) | st.fixed_dictionaries(
                {k: v for k, v in fields.items()}
            )
        return JSON
