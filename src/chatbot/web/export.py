"""The conversation as a Markdown file: each question, its answer with the [n] markers
as written, and that answer's numbered references (publisher, title, date, link).

Turns are the chat's plain records: {"question", "answer", "refused", "citations":
[Citation dicts]}. Text is written literally: characters that Markdown would read as
markup (a question holding "<script>" or "*") are backslash-escaped, so a Markdown
viewer shows them as typed; the [n] markers stay as they are."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from chatbot.engine import DISCLAIMER
from chatbot.models import Citation

# ASCII punctuation that Markdown may treat as markup ("[" and "]" are left alone so
# that the [n] markers read as in the chat; without link definitions they stay text)
_MD_SPECIAL = re.compile(r"([\\`*_{}<>#|!~])")


def md_text(text: str) -> str:
    """Text that Markdown shows as written: markup characters escaped, and a line that
    would start a list, quote or heading kept as plain text."""
    out = []
    for line in str(text).splitlines() or [""]:
        line = _MD_SPECIAL.sub(r"\\\1", line)
        line = re.sub(r"^(\s*)([-+])(\s)", r"\1\\\2\3", line)
        line = re.sub(r"^(\s*\d+)([.)])(\s)", r"\1\\\2\3", line)
        out.append(line)
    return "\n".join(out)


def reference_line(c: Citation | dict) -> str:
    """"[n] 出版方：《标题》，日期，链接" (missing parts left out)."""
    c = c if isinstance(c, Citation) else Citation(**c)
    parts = [f"《{md_text(c.title or c.doc_id)}》"]
    if c.date:
        parts.append(md_text(c.date))
    if c.url and re.match(r"https?://", c.url, re.I):
        parts.append(f"<{c.url.replace('>', '%3E').replace(' ', '%20')}>")
    publisher = f"{md_text(c.publisher)}：" if c.publisher else ""
    return f"[{c.n}] {publisher}{'，'.join(parts)}"


def conversation_markdown(turns: list[dict], title: str, exported_at: datetime | None = None) -> str:
    """The whole conversation (see the module docstring) under `title`, with the export
    time and the disclaimer."""
    when = (exported_at or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"# {md_text(title)}", "", f"导出时间：{when}", ""]
    for i, t in enumerate(turns, 1):
        lines += [f"## 问题 {i}：{md_text(t.get('question', ''))}", ""]
        answer = t.get("answer", "")
        lines += [("> " if t.get("refused") else "") + md_text(answer).replace("\n", "\n\n"), ""]
        cites = t.get("citations") or []
        if cites:
            lines += ["**参考来源**", ""]
            lines += [reference_line(c) + "  " for c in cites]
            lines.append("")
    lines += ["---", "", md_text(DISCLAIMER), ""]
    return "\n".join(lines)
