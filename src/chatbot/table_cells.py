"""A table's cells read with the unit their column's header (or their row's label) writes
("充电量(亿度)" over "36.9" reads "充电量36.9亿度"): the evidence shows a row's figure with its unit, and the
citation check finds that figure in the passage it cites. Units are data
(config/evidence.toml [units])."""

from __future__ import annotations

import re
from functools import lru_cache

from chatbot.evidence_config import evidence_config
from chatbot.text import normalize

# (a number, or a range of two: "152,000至158,000" under "（人民币万元）" is read in 万元 at both ends)
_BARE_NUMBER = re.compile(r"[+\-]?\d[\d,]*(?:\.\d+)?(?:\s*(?:至|~|–)\s*[+\-]?\d[\d,]*(?:\.\d+)?)?")
_TABLE_SEP = re.compile(r"^\|?[\s:|-]+\|?$")
_NUMBER_BINDS = re.compile(r"(?:\d|\d\s*月份?)$")  # a name a following number would run on from


@lru_cache(maxsize=1)
def _unit_re() -> re.Pattern:
    cfg = evidence_config()["units"]
    units = sorted({*cfg["measures"], *cfg["table_units"]}, key=len, reverse=True)
    prefixes = "|".join(map(re.escape, sorted(cfg.get("currency_prefixes", {}), key=len, reverse=True)))
    return re.compile(r"(.+?)\s*[(（]\s*" + (f"({prefixes})?" if prefixes else "()") + r"\s*((?:百万|千万|[亿万千百]\s*)?(?:"
                      + "|".join(map(re.escape, units)) + r"))\s*[)）]\s*")


# an amount in English ("Revenue (US$ million)", "(HK$'000)"): its currency and scale, the cells read as English
# money ("US$702.5 million")
_EN_MONEY_UNIT = re.compile(r"(.*?)\s*[(（]\s*(US\$|HK\$|RMB|USD|HKD)\s*(million|billion|thousand|'000|mn|bn|m)\s*[)）]\s*",
                            re.IGNORECASE)
_EN_SCALE = {"million": "million", "mn": "million", "m": "million", "billion": "billion", "bn": "billion",
             "thousand": "thousand", "'000": "thousand"}


def header_unit(header: str) -> tuple[str, str]:
    """A header cell as its name and the unit its brackets write ("充电量(亿度)" -> 充电量, 亿度);
    a header with no unit is its own name and no unit. A currency written before the magnitude is read after it
    (config/evidence.toml [units] currency_prefixes: "收入（人民币万元）" -> 收入, 万元; "（港币千元）" -> 千港元); an
    English amount as its currency and scale ("Allocation (US$ million)" -> Allocation, "US$ million")."""
    if en := _EN_MONEY_UNIT.fullmatch(header.strip()):
        return en.group(1).strip(), f"{en.group(2).upper()} {_EN_SCALE[en.group(3).lower()]}"
    m = _unit_re().fullmatch(header.strip())
    if not m:
        return header.strip(), ""
    unit = re.sub(r"\s+", "", m.group(3))
    if m.group(2):
        prefix = evidence_config()["units"]["currency_prefixes"][m.group(2)]
        unit = re.sub(r"^([亿万千百]?)", lambda x: x.group(1) + prefix, unit) if unit.endswith("元") else m.group(2) + unit
    return m.group(1).strip(), unit


def is_bare_number(cell: str) -> bool:
    """A cell that is a number alone ("21.84", "1,862"): read only with its column's name and unit."""
    return _BARE_NUMBER.fullmatch(cell.strip()) is not None


def with_unit(header: str, cell: str) -> str:
    """A cell under `header` as prose: the header's name, then the cell, with the header's unit
    when the cell is a bare number ("充电量", "36.9" -> "充电量36.9"; "充电量(亿度)" -> "充电量36.9亿度")."""
    name, unit = header_unit(header)
    cell = cell.strip()
    if unit and " " in unit and _BARE_NUMBER.fullmatch(cell) and "至" not in cell:  # "US$702.5 million"
        currency, scale = unit.split(" ", 1)
        return f"{name}{'：' if name else ''}{currency}{cell} {scale}"
    if unit and _BARE_NUMBER.fullmatch(cell):
        return f"{name}{_joint(name, cell)}{cell}{unit}"
    if unit and (m := _NOTED_NUMBER.fullmatch(cell)):  # a number with a note in brackets ("1,720,000（2025年全年上限）")
        return f"{name}{_joint(name, cell)}{m.group(1)}{unit}{m.group(2)}"
    if unit and (not re.search(r"\d", cell) or "%" in cell) and not cell.startswith(name):
        return f"{name}{_joint(name, cell)}{cell}"  # a rate or a word is in no unit of amounts ("上限使用率" 88.7%)
    if header and not cell.startswith(header):
        return f"{header}{_joint(header, cell)}{cell}"
    return cell


def _joint(name: str, cell: str) -> str:
    """What stands between a column's name and its cell: nothing ("收入" + "43.7"), a colon where the cell
    starts with a digit and the name ends in one or in a month ("FY2022" + "5.12", "2025年10月" + "4.18"),
    which read together would be one number or a day ("FY20225.12": the figure 20225.12 and no period;
    "2025年10月4.18万吨": the 4th of October, no month's figure)."""
    return "：" if _NUMBER_BINDS.search(name) and _BARE_NUMBER.match(cell) else ""


def table_header(text: str) -> str:
    """The header lines of a text's first table, up to the separator before its first two data rows
    (a caption row, then the column names: "| 迅邦快递7月至10月经营数据 |" over "| 月份 | 快递业务量 |")."""
    lines = [ln.strip() for ln in text.splitlines() if ln.lstrip().startswith("|")]
    last_sep = -1
    for j, ln in enumerate(lines):
        if _TABLE_SEP.match(ln):
            last_sep = j
        elif last_sep >= 0 and j + 1 < len(lines) and not _TABLE_SEP.match(lines[j + 1]):
            break  # two data rows: the header is over
    return "\n".join([*caption_line(text), *lines[: last_sep + 1]])


def own_table_text(text: str, row: str) -> str:
    """A text holding several tables, as seen from a row of one of them: the prose before that table and the table on
    (the earlier tables' lines left out), so that its header, caption and lead-in are read as the text's first table's
    ("| 按产品划分的销量（万平方米） | 2025财年 |" over 簇绒地毯, not the first table's "按地区划分的收入（人民币千元）").
    The text itself when it holds one table, or the row is not in it."""
    lines = text.splitlines()
    seps = [i for i, ln in enumerate(lines) if ln.lstrip().startswith("|") and _TABLE_SEP.match(ln.strip())]
    at = next((i for i, ln in enumerate(lines) if ln.strip() == row.strip()), -1)
    above = [i for i in seps if i < at]
    if len(seps) < 2 or at < 0 or not above or above[-1] == seps[0]:
        return text
    start = above[-1] - 1  # the header row over the nearest separator above the row
    return "\n".join([*(ln for ln in lines[:start] if not ln.lstrip().startswith("|")), *lines[start:]])


_CAPTION_MAX = 60  # characters: a longer line before a table is a paragraph, not its caption


def line_before_table(text: str) -> str:
    """The last non-blank line before a text's first table (its caption or lead-in), "" when none."""
    raw = text.splitlines()
    first = next((i for i, ln in enumerate(raw) if ln.lstrip().startswith("|")), -1)
    return next((raw[j].strip() for j in range(first - 1, -1, -1) if raw[j].strip()), "") if first > 0 else ""


def caption_line(text: str) -> list[str]:
    """The line right before a text's first table when it is its caption ("表1　近四个财政年度每股股息（单位：港仙）"):
    short, no list item, no heading; it may write the unit of every cell."""
    before = line_before_table(text)
    if not before or len(before) > _CAPTION_MAX or re.match(r"^(?:[-*+#>]|\d+[.)、])", before):
        return []
    cfg = evidence_config()["table"]
    return [before] if before.startswith(tuple(cfg["caption_openers"])) or any(w in before for w in cfg["caption_words"]) \
        else []


_NOTED_NUMBER = re.compile(r"([+\-]?\d[\d,]*(?:\.\d+)?)\s*([（(][^（()）]{1,30}[）)])")
_CAPTION_UNIT = re.compile(r"单位\s*[:：]\s*([^，,。；;）)|：:]{1,8})")
# a short lead-in ending with its unit in brackets ("按地区划分的收入（百万港元）：", "## 出资安排（人民币万元）")
_CAPTION_BRACKET_UNIT = re.compile(r"[（(]\s*([^（）()]{1,30}?)\s*[）)]\s*(?:如下|as follows)?\s*[:：]?\s*$")


def caption_unit(line: str) -> str:
    """The unit a table's caption or lead-in writes for its cells ("…实际交易金额（单位：人民币千元）：" -> 千元,
    "按地区划分的收入（百万港元）：" -> 百万港元), as a header's brackets would; "" when it writes none or one that is no
    unit of amounts."""
    line = re.split(r"(?<=[。！？])", (line or "").strip())[-1] or (line or "")  # (its last sentence: "…。分品类月度出货量
    # （万顶）如下："; not cut at a semicolon, which a bracket may hold: "（单位：人民币万元；门店为财年末数目）")
    # (an English lead-in is written in more characters: "Financial summary for the nine months ended 30 September
    # (US$ million, unaudited):")
    longest = _CAPTION_MAX * (3 if line.isascii() else 1)
    m = _CAPTION_UNIT.search(line) or (_CAPTION_BRACKET_UNIT.search(line) if len(line) <= longest else None)
    # (the unit first in its brackets, a note after it: "(US$ million, unaudited)", "（人民币万元，未经审核）")
    # (a bracket may name what its unit measures: "被冻结账户明细（冻结金额：人民币万元）")
    # (or after what the table is broken down by: "（按省份，吨）")
    units = [header_unit(f"x（{re.split(r'[:：]', part)[-1].strip()}）")[1] for part in re.split(r"[,，;；]", m.group(1))] if m else []
    unit = next((u for u in units if u), "")
    return "" if unit == "%" else unit


def with_caption_unit(header: list[str], caption: str) -> list[str]:
    """A table's header whose caption writes the unit ("（单位：人民币千元）"): its columns of a period ("2024年",
    "截至2025年10月31日止十个月", "2025财年") that write no unit of their own take it, so that their bare-number cells
    are read in it (not a column of note numbers or of counts beside them)."""
    unit = caption_unit(caption) if caption else ""
    if not unit:
        return header
    # (a column whose name writes its own scale and counted thing keeps them, a word the unit list may lack: "果树（万株）"
    # under a caption "（亩；万株）" is no column of 亩)
    if not any(_PERIOD_COLUMN.search(h) for h in header[1:]):  # periods as rows ("月份 | 电动自行车头盔 | … | 同比"):
        # every column of an item takes it, not the label's nor one of a change or share
        # (nor one of a count: "轧花厂数量" under "…皮棉加工量（吨）" counts ginneries, in no tonnes)
        return [header[0], *(h if header_unit(h)[1] or _CHANGE_COLUMN.search(h) or _OWN_BRACKET.search(h)
                             or (_COUNT_COLUMN.search(h) and not _VOLUME_COLUMN.search(h)) else f"{h}（{unit}）"
                             for h in header[1:])]
    return [h if header_unit(h)[1] or not _PERIOD_COLUMN.search(h) or _OWN_BRACKET.search(h) else f"{h}（{unit}）" for h in header]


_OWN_BRACKET = re.compile(r"[（(](?:百万|千万|[亿万千百])[\u4e00-\u9fffA-Za-z]{1,3}[)）]\s*$")  # a scale and a counted thing


_COUNT_COLUMN = re.compile(r"(?:数量|家数|个数|户数|人数|数目|座数|台数|\bnumber of\b|\bcount\b|\bno\. of\b)", re.IGNORECASE)
_VOLUME_COLUMN = re.compile(r"销|产|出货|加工|采购|进口|出口|交付|运输|吞吐|\b(?:sales|output|shipments?|volume)\b", re.I)  # ("销售数量")
_CHANGE_COLUMN = re.compile(r"同比|环比|增长|增幅|变动|变化|占比|比例|比率|率$|%|YoY|QoQ|change|growth|share", re.IGNORECASE)


# a column of a period ("2024年", "2025财年", "FY2024", "9M2025", "1H25", "3Q25")
_PERIOD_COLUMN = re.compile(r"(?:19|20)\d{2}\s*(?:年|财年|/\d{2})|\bFY\s*\d{2,4}|\b[1-9][MQH]\s*(?:19|20)?\d{2}\b"
                            r"|\b[QH][1-4]\s*(?:19|20)?\d{2}\b")


def with_row_unit(cells: list[str]) -> list[str]:
    """A row whose label writes the unit ("收入（亿元）| 43.7 | 46.9", a table with the periods as
    columns): the label's name, then its bare-number cells with the unit ("收入", "43.7亿元", …)."""
    name, unit = header_unit(cells[0]) if cells else ("", "")
    if not unit:
        return cells
    return [name, *(f"{c}{unit}" if _BARE_NUMBER.fullmatch(c) else c for c in cells[1:])]


def unit_readings(text: str) -> str:
    """The bare-number cells of a text's tables read with their header's unit, one per line
    ("充电量36.9亿度"): what a rendered row says, for checking a figure against its passage."""
    out: list[str] = []
    header: list[str] = []
    lines = [ln.strip() for ln in text.splitlines()]
    prose = ""  # the last line outside a table: a caption may write the unit of the table under it
    for i, s in enumerate(lines):
        if s and not s.startswith("|"):
            prose = s
        if not s.startswith("|") or _TABLE_SEP.match(s):
            continue
        # (bold marks off, as a rendered row reads them: "**1,003,630**" of a total row is 1,003,630千港元)
        cells = [re.sub(r"\*\*|__", "", c).strip() for c in s.strip("|").split("|")]
        if i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1]):
            header = with_caption_unit(cells, prose)
            prose = ""
            continue
        out += [with_unit(h, c) for h, c in zip(header, cells, strict=False)
                if header_unit(h)[1] and (_BARE_NUMBER.fullmatch(c) or _NOTED_NUMBER.fullmatch(c))]
        labelled = with_row_unit(cells)
        if labelled is not cells:
            out += [labelled[0] + c for c in labelled[1:]]
    return "\n".join(out)


def checkable(text: str) -> str:
    """A cited text as a figure is checked against (normalised): the text, and its table
    cells read with their header's unit ("36.9" under "充电量(亿度)" supports 36.9亿度)."""
    return normalize(text + "\n" + unit_readings(text))
