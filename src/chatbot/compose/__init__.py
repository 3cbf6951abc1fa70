"""One composer per question intent, behind one interface:
`compose(ctx) -> Composition | None`. None means: answer as a look-up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from chatbot.compose.base import ComposeContext, Composition, Entry, render
from chatbot.compose.figures import derived, known_level, known_other_periods, latest, period_part, says_not_given
from chatbot.compose.neutral import advice, comparison, definition, term_definition
from chatbot.compose.sections import conclusion, how, pros_cons, summary, why
from chatbot.compute import names_ratio, ratio_name, read_derived
from chatbot.intent import has_cue

Composer = Callable[[ComposeContext], "Composition | None"]

COMPOSERS: dict[str, Composer] = {
    "summary": summary,
    "conclusion": conclusion,
    "why": why,
    "how": how,
    "pros_cons": pros_cons,
    "definition": definition,
    "comparison": comparison,
    "derived": derived,
    "latest": latest,
    "advice": advice,
}


def compose(ctx: ComposeContext) -> Composition | None:
    """The intent's composition; else the look-up's; else, for a figure the documents
    lack, what they hold for other periods."""
    if ctx.intent.tentative:  # "X是什么？": a definition only when the documents define X
        return term_definition(ctx) if ctx.intent.name == "definition" else None
    comp = None
    fn = COMPOSERS.get(ctx.intent.name)
    if ctx.intent.name == "derived" and has_cue(ctx.question, "comparison") and len(
            set(ctx.glossary.entities(ctx.question)) & set(ctx.glossary.companies)) >= 2 \
            and ((dq := read_derived(ctx.question, ctx.glossary)) is None or dq.a.entity == dq.b.entity):
        fn = comparison  # "商汤和地平线上半年收入增速比较": no figure of one against the other's, each company's side by side
    if fn is not None:
        comp = fn(ctx)
    elif ctx.intent.name == "lookup":  # a period no passage states, from two that contain it
        comp = period_part(ctx)
        if (comp is None and names_ratio(ctx.question) and not ctx.spec.segments
                and not [g for g in ctx.spec.required if not ratio_name(g.alternatives)]  # (the ratio's own name aside)
                and not ctx.lookup_entries()):  # (not a part's ratio: "医院业务的毛利率" is no group gross profit's share)
            # a ratio no passage states ("绒栖服饰2025财年的毛利率"): computed from its two figures, when both are given
            computed = derived(ctx)
            comp = replace(computed, intent="derived") if computed is not None and any(
                e.text.startswith(ctx.labels["derived"]) for e in computed.entries) else None  # (served as a derived figure)
    if comp is None:  # a why/how question without its own section: the look-up, a little wider
        entries = ctx.lookup_entries(keep_ratio=0.5 if ctx.intent.name in ("why", "how") else 0.7)
        if entries and ctx.spec.missing:  # two things asked, one found: say which one is not
            entries.append(Entry(ctx.labels["part_missing"].format(items="、".join(ctx.spec.missing)), bullet=False))
        comp = Composition(entries) if entries else None
        if comp is not None and (ctx.spec.wants_figure or ctx.intent.name == "lookup") and says_not_given(entries):
            comp = Composition([Entry(ctx.labels["not_given"], bullet=False), *entries], refused=True)
    if comp is None:
        comp = known_other_periods(ctx)
    if comp is None:  # the growth asked, only the level given
        comp = known_level(ctx)
    return comp


__all__ = ["COMPOSERS", "ComposeContext", "Composition", "Entry", "compose", "render"]
