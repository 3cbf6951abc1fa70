"""Is a figure the company's total or a segment's? "快手第一季度总营收" is not answered by
"第一季度可灵AI营业收入约为1.5亿元", and "美图上半年收入" is better answered by "期内总收入为
18.2亿元" than by "影像与设计产品收入为13.5亿元".

The words before a metric, back to the start of its clause, are read: with the company's
names, periods and the words of config/evidence.toml [scope] total_words taken away,
anything left names a segment or product."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from chatbot.text import dictionary_tag, periods, qualifiers

_CLAUSE_START = re.compile(r"[，,；;。：:！？!?（(、\n]")
_PERIOD_WORDS = re.compile(
    r"(?:19|20)\d{2}\s*(?:财年|财政年度|年?(?:度|末|底)?)|截至\S{0,12}?日|第?[一二三四1-4]季度|上半年|下半年|上半财年|下半财年|财年"
    r"|前三季度|前九个月|止?\s*(?:[一二三四五六七八九十两]{1,2}|\d{1,2})\s*个月|\d{1,2}月(?:底|末)?|Q[1-4]|H[12]",
    re.IGNORECASE)


def first_metric_prefix(text: str, forms: Iterable[str]) -> str | None:
    """The words before the first metric form the text states, back to its clause start
    (None when it states none)."""
    low = text.lower()
    hits = [(low.find(f.lower()), -len(f)) for f in forms if f and not f.isascii() and low.find(f.lower()) >= 0]
    if not hits:
        return None
    at = min(hits)[0]
    before = text[:at]
    starts = [m.end() for m in _CLAUSE_START.finditer(before)]
    return before[starts[-1]:] if starts else before


def narrows(prefix: str, company_forms: Iterable[str], total_words: Iterable[str]) -> bool:
    """Does the prefix name a segment or product (anything beyond the company, a period
    and the words that keep a figure the company's total)?"""
    return bool(narrowing_rest(prefix, company_forms, total_words))


def narrowing_rest(prefix: str, company_forms: Iterable[str], total_words: Iterable[str]) -> str:
    """The words of the prefix that name a segment or product ("短租" of "路畅租车第三季度短租"): what is left
    with the company, the periods and the words that keep a figure the company's total taken away ("" if none)."""
    rest = prefix
    for f in sorted((f for f in company_forms if f), key=len, reverse=True):
        rest = re.sub(re.escape(f), " ", rest, flags=re.IGNORECASE)
    rest = _PERIOD_WORDS.sub(" ", rest)
    for w in sorted(total_words, key=len, reverse=True):
        rest = rest.replace(w, " ")
    rest = re.sub(r"[\s\d.,%，、]+", "", rest)
    named = bool(re.search(r"[\u4e00-\u9fffA-Za-z]", rest)) and not (periods(rest) or qualifiers(rest) - {None})
    return rest if named else ""


def asked_segments(question: str, segment_words: Iterable[Iterable[str]], names: Iterable[str] = ()) -> list[list[str]]:
    """The forms of each segment word (config/evidence.toml [scope] segment_words: a region, a
    product tier, a channel) the question names outside the names of its companies ("中国海外
    发展" names no region)."""
    low = text_without(question.lower(), names)
    out = []
    for forms in segment_words:
        forms = [f.lower() for f in forms]
        if any(_names_word(low, f) for f in forms):  # (its Chinese forms; an English one only as the question writes
            # it, for an article written in English: "Export deliveries were 612 units")
            out.append([f for f in forms if not f.isascii() or _names_word(low, f)])
    return out


def asked_regions(question: str, suffixes: Iterable[str], region_pos: Iterable[str],
                  names: Iterable[str] = ()) -> list[list[str]]:
    """The regions a question names with a region suffix ("睿视眼镜华南地区的收入" -> [["华南地区", "华南"]]),
    outside the names of its companies: each as its forms, with and without the suffix."""
    from chatbot.names import _posseg

    suffixes, pos = tuple(suffixes), frozenset(region_pos)
    words = [(w, f) for w, f in _posseg(text_without(question.lower(), names)) if w.strip()]
    out: list[list[str]] = []
    for i, (w, flag) in enumerate(words):
        sfx = next((s for s in suffixes if w.endswith(s)), "")
        if not sfx:
            continue
        if len(w) > len(sfx):  # one word ("华南地区", tagged as a place; "美国市场", tagged nt, whose stem is a place)
            stem = w[: -len(sfx)]
            stem_flag = flag if flag in pos else (dictionary_tag(stem) or flag)
        elif i > 0:  # the suffix after its own word ("西南" "大区")
            stem, stem_flag = words[i - 1]
        else:
            continue
        if len(stem) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", stem) and stem_flag in pos:
            out.append([stem + sfx, stem])
    return out


def asked_places(question: str, place_pos: Iterable[str], noun_pos: Iterable[str], not_places: Iterable[str],
                 names: Iterable[str] = (), located: tuple[Iterable[str], ...] = ((), ())) -> list[list[str]]:
    """The places a question names right before a noun, outside the names of its companies ("四川电站发电量" ->
    [["四川"]], "香港住宅收入"): the place's figure is asked, not the company's; not a country as a whole
    (`not_places`: "中国内地收入"); a noun of one character is the place's own ("大湾区": 大湾 | 区)."""
    from chatbot.bilingual import glosses
    from chatbot.names import _posseg

    pos, nouns, skip = frozenset(place_pos), frozenset(noun_pos), frozenset(not_places)
    words = [(w, f) for w, f in _posseg(text_without(question.lower(), names)) if w.strip()]
    # (a word the dictionary glosses as a verb is none, whatever jieba tags it: "上市" of "科企上市专线", "to float")
    out = [[w] for (w, flag), (noun, after) in itertools.pairwise(words)
           if flag in pos and after in nouns and len(noun) >= 2 and len(w) >= 2 and w not in skip and re.fullmatch(r"[\u4e00-\u9fff]+", w)
           and "to" not in glosses(w)]
    # a place after "在" / "于" that the words after it make where the figure is ("在云南有多少家门店", "在欧洲的收入"),
    # not where the company did something once ("在香港上市的发行价")
    # (or a verb of what the company does there, "在江西处置了多少万吨", not one of the once-done `located[2]`)
    after_words, next_words = frozenset(located[0]), frozenset(located[1])
    once = frozenset(located[2]) if len(located) > 2 else None
    for (before, _), (w, flag), (nxt, nflag) in zip(words, words[1:], words[2:], strict=False):
        if (before in after_words and flag in pos and (nxt in next_words or (once is not None and nflag == "v" and nxt not in once))
                and len(w) >= 2 and w not in skip
                and re.fullmatch(r"[\u4e00-\u9fff]+", w) and [w] not in out):
            out.append([w])
    return out


def names_segment(text: str, forms: Iterable[str]) -> bool:
    """Does the (normalised) text name the segment word in one of its Chinese forms?"""
    return any(f in text for f in forms)


def text_without(text: str, names: Iterable[str]) -> str:
    for n in sorted((n.lower() for n in names if n), key=len, reverse=True):
        text = text.replace(n, " ")
    return text


def _names_word(low: str, form: str) -> bool:
    if form.isascii():  # an English form is a whole word ("premium" is not in "premiums")
        return re.search(rf"(?<![a-z]){re.escape(form)}(?![a-z])", low) is not None
    return form in low

