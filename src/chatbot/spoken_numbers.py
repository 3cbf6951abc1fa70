"""Amounts written in words, as a call transcript or an interview quotes them ("十四点八三亿元",
"一亿九千六百万元", "3.1个亿", "百分之十"), read as the figures an article writes in digits ("14.83亿元",
"1.96亿元", "3.1亿", "10%"). `normalize` and the figure finder of chatbot/text.py read text through
`as_digits`, so such a sentence states a figure, and a quoted one passes the citation check.

Only an amount with a scale (万, 亿) or a percentage is read: "一季度", "第一次", "两成" and "六到八周"
stay words. The numerals themselves are parsed by cn2an (imported on the first amount found)."""

from __future__ import annotations

import re
from functools import lru_cache

_DIGIT = "零〇一二两三四五六七八九"
_NUMERAL = _DIGIT + "十百千万亿"
# a numeral that starts with a digit word or 十, may carry 万/亿 inside ("一亿九千六百万"), a decimal
# part after 点, an optional 个 ("3.1个亿" is said for 3.1亿), and ends at the scale
_SPOKEN = re.compile(
    rf"(?<![{_NUMERAL}点\d.])([零一二两三四五六七八九十][{_NUMERAL}]*?)(?:点([{_DIGIT}]+))?个?([万亿])(?![{_NUMERAL}])"
)
_DIGITS_GE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)个([万亿])")  # "3.1个亿"
_PERCENT = re.compile(rf"百分之([{_NUMERAL}]+(?:点[{_DIGIT}]+)?)")
_SCALE = {"万": 10_000, "亿": 100_000_000}
_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


@lru_cache(maxsize=1)
def _cn2an():
    import cn2an  # (0.2 s: only when a text says an amount in words)

    return cn2an.cn2an


def _value(numeral: str) -> float | None:
    try:
        return float(_cn2an()(numeral.replace("两", "二").replace("〇", "零"), "strict"))
    except (ValueError, KeyError):  # cn2an's errors for a malformed numeral
        return None


def _figure(value: float, unit: str) -> str:
    """A value in the largest scale its words say ("一亿九千六百万" -> "1.96亿", "零点五亿" -> "0.5亿")."""
    return f"{value / _SCALE[unit]:.6g}{unit}"


def _amount(m: re.Match) -> str:
    whole, decimals, scale = m.group(1), m.group(2), m.group(3)
    value = _value(whole + scale) if not decimals else None
    if decimals:
        integer = _value(whole)
        if integer is not None and "万" not in whole and "亿" not in whole:
            value = (integer + float("0." + "".join(str(_DIGIT_VALUE[c]) for c in decimals))) * _SCALE[scale]
    return _figure(value, "亿" if "亿" in whole + scale else "万") if value is not None else m.group(0)


def _percent(m: re.Match) -> str:
    whole, _, decimals = m.group(1).partition("点")
    value = _value(whole)
    if value is not None and decimals:
        value += float("0." + "".join(str(_DIGIT_VALUE[c]) for c in decimals))
    return f"{value:.6g}%" if value is not None else m.group(0)


def as_digits(text: str) -> str:
    """`text` with its amounts in words written in digits (unchanged when it has none)."""
    if "个" in text:
        text = _DIGITS_GE.sub(r"\1\2", text)
    if "百分之" in text:
        text = _PERCENT.sub(_percent, text)
    if any(u in text for u in _SCALE) and _SPOKEN.search(text):
        text = _SPOKEN.sub(_amount, text)
    return text
