"""A volume asked by its verb, written by the documents as a noun: "润脉生物2025年采了多少吨血浆？" is answered by
"2025年采浆量1,382吨", "How much feed did 岷牧饲料 sell in November?" by "11月饲料销量186.4万吨", "How much gold did
鸿岳黄金 produce?" by "矿产金产量8.46吨". The noun is the verb's morpheme, the thing's last character or nothing, and
量 (config/evidence.toml [volume]): the question's verb is read as those forms (not as its other senses: "sell" is
no "销售价格"), and the thing asked is also said by a form that writes it ("血浆" by "采浆量")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chatbot.evidence import TermGroup

from chatbot.evidence_config import evidence_config


@dataclass(frozen=True)
class VolumeAsk:
    verb: str  # as the question writes it ("采", "sell")
    thing: str  # the thing counted, as the question writes it ("血浆", "feed"); "" if none
    forms: tuple[str, ...]  # the volume nouns a document may write ("采浆量", "采集量")
    thing_forms: tuple[str, ...]  # those of them that write the thing ("采浆量")


@lru_cache(maxsize=1)
def _zh_re() -> re.Pattern:
    cfg = evidence_config()
    verbs = "|".join(map(re.escape, sorted(cfg["volume"]["zh_verbs"], key=len, reverse=True)))
    units = "|".join(map(re.escape, sorted(cfg["units"]["measures"], key=len, reverse=True)))
    # "采了多少吨血浆", "卖出去多少万吨糖", "生产了多少黄金": the verb, a particle, "多少", a magnitude, a unit, the thing
    # (not a sum of money: "卖了多少钱" asks the revenue)
    return re.compile(rf"({verbs})(?:了|出去|出|掉|到)?\s*(?:多少|几)(?!\s*(?:[亿万千百]\s*)?(?:钱|元|港元|美元|人民币))"
                      rf"\s*(?:[亿万千百]\s*)?(?:{units})?\s*([\u4e00-\u9fff]{{1,6}})?")


_EN_ASK = re.compile(r"\bhow (?:much|many)\s+((?:[a-z][a-z\-]*\s+){0,5}?)(?:did|does|do|has|have|had|will|was|were)\b(.*)",
                     re.IGNORECASE)


def volume_asks(question: str, chinese_of: Callable[[str], list[str]]) -> list[VolumeAsk]:
    """The volumes the question asks by a verb of [volume] (zh_verbs; en_verbs: the English verb's Chinese morpheme):
    its verb, the thing counted and the forms a document writes the volume in. `chinese_of`: an English word's
    Chinese words (the thing's last character goes into the forms that write it)."""
    cfg = evidence_config()["volume"]
    out: list[VolumeAsk] = []
    for m in _zh_re().finditer(question):
        thing = re.split(r"[的是呢吗]", m.group(2) or "")[0]
        out.append(_ask(m.group(1), m.group(1), [thing] if thing else [], thing, cfg))
    en = _EN_ASK.search(question)
    if en:
        verbs = [w for w in re.findall(r"[a-z]+", en.group(2).lower()) if w in cfg["en_verbs"]]
        if verbs:
            words = en.group(1).split()
            chinese = [z for z in chinese_of(words[-1].lower())] if words else []
            out.append(_ask(verbs[0], cfg["en_verbs"][verbs[0]], chinese, " ".join(words), cfg))
    return out


def _ask(verb: str, morpheme: str, things: list[str], thing: str, cfg: dict) -> VolumeAsk:
    templates = cfg["zh_verbs"][morpheme]
    generic = [t for t in templates if "{o}" not in t]
    written = [t.format(o=z[-1]) for t in templates if "{o}" in t for z in things if z]
    return VolumeAsk(verb, thing, tuple(dict.fromkeys([*generic, *written])), tuple(dict.fromkeys(written)))


@dataclass
class ReadVolume:
    ask: VolumeAsk
    verb: TermGroup | None  # the verb's term group, when the question has one
    thing: TermGroup | None  # the thing's


def read_volumes(groups: list[TermGroup], question: str, chinese_of: Callable[[str], list[str]]) -> list[ReadVolume]:
    """The question's term groups (evidence.TermGroup) with the volumes it asks by a verb read as their nouns: the
    verb's group is said by the nouns (an English verb's dictionary senses dropped: "sell" is not 经销 or 销售), the
    thing's group also by the nouns that write it ("血浆" by "采浆量"), in place (a group no passage holds stays one:
    "卖出去多少台" still leaves the question to the embedding fallback where no sentence writes a noun). Returns what
    was read."""
    out: list[ReadVolume] = []
    for ask in volume_asks(question, chinese_of):
        verb = next((g for g in groups if g.source == ask.verb or g.alternatives[0] == ask.verb.lower()), None) \
            or next((g for g in groups if not ask.verb.isascii() and g.absent and ask.verb in g.alternatives[0]), None) \
            or next((g for g in groups if not ask.verb.isascii() and g.kind == "word" and not g.entity
                     and g.alternatives[0].endswith(ask.verb) and len(g.alternatives[0]) == len(ask.verb) + 1), None)
        # (the verb as the last character of a word the question writes: "生产了多少公斤" read as 产)
        thing = next((g for g in groups if ask.thing and g.alternatives[0] == ask.thing.split()[-1].lower()), None) \
            or next((g for g in groups if ask.thing and g.kind == "term" and g.source
                     and f" {ask.thing.lower()}".endswith(f" {g.source.lower()}")), None)  # ("crude palm oil": 棕榈油)
        if verb is not None:
            verb.alternatives = ([verb.alternatives[0]] if verb.kind == "word" and ask.verb.isascii() else verb.alternatives) \
                + [f for f in ask.forms if f not in verb.alternatives]
        if thing is not None and thing is not verb and ask.thing_forms:
            thing.alternatives = thing.alternatives + [f for f in ask.thing_forms if f not in thing.alternatives]
        out.append(ReadVolume(ask, verb, thing))
    return out


def total_forms(read: list[ReadVolume], groups: list[TermGroup]) -> list[str]:
    """The forms of the volume asked, to read its scope by (evidence: a table row "猪饲料:11月销量104.2万吨" is a
    part's figure, "11月饲料销量186.4万吨" the total asked), when the question asks one volume of one thing and no
    other word: the nouns, also with the thing's Chinese before them ("饲料销量"). [] otherwise."""
    if len(read) != 1 or (thing := read[0].thing) is None or (verb := read[0].verb) is None:
        return []
    if any(g.kind in ("word", "term") and not g.absent and g is not thing and g is not verb for g in groups):
        return []  # another word may narrow the volume ("pig feed"): no total asked
    forms = read[0].ask.forms
    things = [a for a in thing.alternatives if re.fullmatch(r"[\u4e00-\u9fff]+", a) and a not in forms]
    return [*(t + f for t in things for f in forms if not f.startswith(t)), *forms]
