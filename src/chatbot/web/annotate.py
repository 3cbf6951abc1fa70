"""An answer's text as HTML with each figure's standing shown (from `Answer.figures`),
and the suggested next questions under it.

A figure becomes `<span class="fig verified|computed|unsupported" tabindex="0">` with a
small badge and a tip (shown on hover or tap by CSS): the quote of the citation that
holds it, the formula that computed it, or a warning. Everything is escaped; markers
[n] become citation links (`render.link_markers`)."""

from __future__ import annotations

from chatbot.models import Answer, FigureState
from chatbot.web.render import esc, link_markers

BADGE = {"verified": "✓", "computed": "=", "unsupported": "?"}


def _tip(f: FigureState) -> str:
    if f.state == "verified":
        return f'<span class="fig-tip">已核对：见来源 [{f.n}]<br>“{esc(f.quote)}”</span>'
    if f.state == "computed":
        return f'<span class="fig-tip">计算得出：{esc(f.formula)}</span>'
    return '<span class="fig-tip">⚠ 引用来源中未找到这个数字，请谨慎使用</span>'


def figure_html(f: FigureState) -> str:
    label = {"verified": f"已核对，来源 [{f.n}]", "computed": "计算得出", "unsupported": "未核实"}.get(f.state, "")
    badge = BADGE.get(f.state, "")
    return (f'<span class="fig {esc(f.state)}" tabindex="0" data-n="{f.n or ""}" aria-label="{esc(label)}">'
            f'{esc(f.text)}<sup class="fig-badge">{badge}</sup>{_tip(f)}</span>')


def answer_body_html(answer: Answer, turn: int) -> str:
    """The answer's lines as <p> elements, figures annotated, markers linked."""
    known = {c.n for c in answer.citations}
    text = answer.text
    figures = sorted((f for f in answer.figures if 0 <= f.start < f.end <= len(text)), key=lambda f: f.start)
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        parts, at = [], pos
        for f in figures:
            if f.start < at or f.end > end:
                continue
            parts.append(link_markers(esc(text[at:f.start]), turn, known))
            parts.append(figure_html(f))
            at = f.end
        parts.append(link_markers(esc(text[at:end].rstrip("\n")), turn, known))
        if line.strip():
            out.append(f"<p>{''.join(parts)}</p>")
        pos = end
    return "".join(out)


def suggestions_html(questions: list[str]) -> str:
    """The suggested questions as buttons (a click asks it: static/page.js)."""
    if not questions:
        return ""
    buttons = "".join(f'<button type="button" class="suggest" data-q="{esc(q)}">{esc(q)}</button>' for q in questions)
    return f'<div class="suggestions"><span class="suggestions-label">接着问：</span>{buttons}</div>'
