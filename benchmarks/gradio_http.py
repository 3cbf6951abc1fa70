"""A light Gradio client that speaks the queue protocol the browser's page speaks
(Gradio 6, "sse_v3"), for load tests: one browser session per instance.

    s = BrowserSession("http://127.0.0.1:7860/")      # reads /config, as the page does
    out, updates = s.call("ask", ["智谱的IPO估值是多少？", "[]"])   # api_name or fn_index

One call is what the page does for an event:
  1. POST {api_prefix}/queue/join  {data, fn_index, trigger_id, session_hash, event_data}
     -> {"event_id": ...}
  2. GET  {api_prefix}/queue/data?session_hash=...  (server-sent events) until the
     event's `process_completed`; `process_generating` messages carry the streamed
     outputs: the first one whole, the later ones as diffs against the previous
     ([action, path, value] edits, applied here as the page applies them).
The server closes the stream (`close_stream`) once the session has no event pending.
Unlike gradio_client there is no heartbeat thread, no per-call connection and no
polling: one keep-alive connection pool per session, the stream read as it arrives.
"""

from __future__ import annotations

import copy
import json
import uuid
from typing import Any

import httpx


class GradioCallError(RuntimeError):
    """The server reported an error for the event, or closed the stream without its result."""


def apply_diff(value: Any, diff: list) -> Any:
    """A streamed output's new value: `value` with the edits [action, path, new] applied
    (replace / append / add / delete, as Gradio's page applies them)."""
    value = copy.deepcopy(value)
    for action, path, new in diff:
        if not path:
            value = new if action == "replace" else value + new if action == "append" else new
            continue
        parent = value
        for key in path[:-1]:
            parent = parent[key]
        last = path[-1]
        if action == "replace":
            parent[last] = new
        elif action == "append":
            parent[last] += new
        elif action == "add":
            if isinstance(parent, list):
                parent.insert(int(last), new)
            else:
                parent[last] = new
        elif action == "delete":
            del parent[last]
        else:
            raise GradioCallError(f"unknown diff action {action!r}")
    return value


class BrowserSession:
    """One page session against a Gradio app (its own session hash and connection pool)."""

    def __init__(self, url: str, timeout: float = 60, headers: dict | None = None):
        self.http = httpx.Client(base_url=url.rstrip("/"), timeout=timeout, headers=headers or {})
        config = self.http.get("/config")
        config.raise_for_status()
        cfg = config.json()
        self.prefix = cfg.get("api_prefix", "/gradio_api")
        self.protocol = cfg.get("protocol")
        self.dependencies = {d["id"]: d for d in cfg["dependencies"]}
        self.components = cfg.get("components", [])
        self.by_name = {d["api_name"]: d["id"] for d in cfg["dependencies"] if d.get("api_name")}
        self.session_hash = uuid.uuid4().hex[:11]
        self.messages = 0  # SSE messages read (heartbeats included), for the benchmark

    def close(self) -> None:
        self.http.close()

    def fn_index(self, fn: str | int) -> int:
        return fn if isinstance(fn, int) else self.by_name[fn.lstrip("/")]

    def component_id(self, elem_id: str) -> int:
        """The id of the page's component with this elem_id."""
        return next(c["id"] for c in self.components if c.get("props", {}).get("elem_id") == elem_id)

    def triggered_by(self, component: int, event: str) -> int:
        """The event handler the page runs when `component` fires `event`."""
        return next(i for i, d in self.dependencies.items() if [component, event] in (d.get("targets") or []))

    def then_chain(self, fn_index: int) -> list[int]:
        """`fn_index` and the `.then` handlers the page runs after it, in order."""
        chain = [fn_index]
        while nxt := [i for i, d in self.dependencies.items() if d.get("trigger_after") == chain[-1]]:
            chain.append(nxt[0])
        return chain

    def call(self, fn: str | int, data: list, trigger_id: int | None = None) -> tuple[list, int]:
        """Runs one event: (its final outputs, the number of streamed updates before them)."""
        fn_index = self.fn_index(fn)
        if trigger_id is None:
            targets = self.dependencies[fn_index].get("targets") or []
            trigger_id = targets[0][0] if targets and targets[0][0] is not None else None
        joined = self.http.post(f"{self.prefix}/queue/join", json={
            "data": data, "event_data": None, "fn_index": fn_index, "trigger_id": trigger_id,
            "session_hash": self.session_hash})
        if joined.status_code != 200:
            raise GradioCallError(f"queue/join: {joined.status_code} {joined.text[:200]}")
        event_id = joined.json()["event_id"]
        return self._result(event_id)

    def _result(self, event_id: str) -> tuple[list, int]:
        outputs: list | None = None
        updates = 0
        with self.http.stream("GET", f"{self.prefix}/queue/data", params={"session_hash": self.session_hash},
                              timeout=httpx.Timeout(self.http.timeout.connect, read=None)) as resp:
            if resp.status_code != 200:
                raise GradioCallError(f"queue/data: {resp.status_code}")
            for line in resp.iter_lines():
                if not line.startswith("data:"):
                    continue
                msg = json.loads(line[5:])
                self.messages += 1
                kind = msg.get("msg")
                if kind == "close_stream":
                    break
                if msg.get("event_id") != event_id:
                    continue
                if kind == "process_generating":
                    data = msg["output"]["data"]
                    outputs = list(data) if outputs is None else [apply_diff(o, d) for o, d in zip(outputs, data, strict=True)]
                    updates += 1
                elif kind == "process_completed":
                    if not msg.get("success", True):
                        raise GradioCallError(f"event failed: {json.dumps(msg.get('output'), ensure_ascii=False)[:300]}")
                    return msg["output"]["data"], updates
                elif kind == "unexpected_error":
                    raise GradioCallError(msg.get("message") or "unexpected error")
        raise GradioCallError("the stream closed without the event's result")
