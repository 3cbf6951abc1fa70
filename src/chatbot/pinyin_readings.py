"""Every way the pinyin of a Chinese name may be written in an English question.

pypinyin gives one reading of a name; an English text may write a character of two readings
either way ("长岳" is read "zhangyue", an English article writes "Changyue"; "乐韵", "都润"), and
ü as v or u ("绿岚": "Lvlan", "Lulan"). A character's other reading counts when pypinyin's
own phrase dictionary reads it so in a few phrases (config/catalogue.toml
`reading_min_phrases`): a reading only listed for the character ("件" as "mou") is none; a rare character
that few phrases use at all ("峤": jiao, qiao) may be read any way it lists."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from functools import lru_cache

from chatbot.names import load_rules, romanise, romanise_words

_MAX_READINGS = 8  # romanisations kept of one name
# tone marks off: the toneless pinyin the catalogue writes (ü as v, as pypinyin's NORMAL style)
_TONELESS = str.maketrans({**dict.fromkeys("āáǎà", "a"), **dict.fromkeys("ēéěèê", "e"), **dict.fromkeys("īíǐì", "i"),
                           **dict.fromkeys("ōóǒò", "o"), **dict.fromkeys("ūúǔù", "u"), **dict.fromkeys("ǖǘǚǜü", "v"),
                           **dict.fromkeys("ńňǹ", "n"), "ḿ": "m"})


@lru_cache(maxsize=1)
def _phrase_readings() -> dict[str, Counter]:
    """Each character's toneless readings in pypinyin's phrase dictionary, with how many phrases read it so."""
    from pypinyin.constants import PHRASES_DICT

    out: dict[str, Counter] = defaultdict(Counter)
    for phrase, syllables in PHRASES_DICT.items():
        for ch, options in zip(phrase, syllables, strict=False):
            if options:
                out[ch][options[0].translate(_TONELESS)] += 1
    return out


def _char_readings(ch: str, own: str) -> list[str]:
    """The readings of one character: the one pypinyin gives in the name first, then the others its
    phrases use often enough."""
    seen = _phrase_readings().get(ch, Counter())
    least = load_rules().reading_min_phrases
    if sum(seen.values()) < least:  # a rare character few phrases use ("峤": jiao or qiao): every reading it lists
        from pypinyin import Style, pinyin

        listed = [r.replace("ü", "v") for r in pinyin(ch, style=Style.NORMAL, heteronym=True)[0]]
        return list(dict.fromkeys([own, *(r for r in listed if r.isascii() and r.isalpha())]))
    return list(dict.fromkeys([own, *(r for r, n in seen.most_common() if n >= least and r.isascii() and r.isalpha())]))


def _in_phrase(name: str) -> set[int]:
    """The positions of the characters that a phrase of pypinyin's dictionary covers ("重庆" of "重庆啤酒",
    "乐园" of "奇屿乐园"): pypinyin reads them as the phrase does, the one way."""
    from pypinyin.constants import PHRASES_DICT

    return {k for i in range(len(name)) for j in range(i + 2, len(name) + 1) if name[i:j] in PHRASES_DICT
            for k in range(i, j)}


@lru_cache(maxsize=8192)
def readings(name: str) -> tuple[str, ...]:
    """"长岳" -> ("zhangyue", "changyue"), "绿岚" -> ("lvlan", "lulan"): pypinyin's own reading first. () for
    what is no Chinese name."""
    if not romanise(name):
        return ()
    from pypinyin import Style, lazy_pinyin

    own = lazy_pinyin(name, style=Style.NORMAL)
    if len(own) != len(name):
        return (romanise(name),)
    fixed = _in_phrase(name)
    chars = [[r] if i in fixed else _char_readings(ch, r) for i, (ch, r) in enumerate(zip(name, own, strict=True))]
    out = ("".join(c) for c in itertools.islice(itertools.product(*chars), _MAX_READINGS))
    # (pinyin has no v: pypinyin writes ü as v, an English text as u)
    return tuple(dict.fromkeys(w for r in out for w in (r, r.replace("v", "u"))))[:_MAX_READINGS]


def pinyin_forms(forms: list[str]) -> list[str]:
    """The romanisations a catalogue keeps for a company's Chinese forms: each form's readings
    joined ("changyue"), and pypinyin's own reading in words of two ("shunyu guangxue")."""
    return [p for p in dict.fromkeys([*(r for f in forms for r in readings(f)), *(romanise_words(f) for f in forms)]) if p]
