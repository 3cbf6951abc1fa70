"""Table-driven tests of the session-41 reader rules: a figure whose being high is an upside, stated with its value a
year before, takes the side of its change (a pros-and-cons or advice answer's margin line)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "side"), [
    ("毛利率22.7%,2024财年为24.0%。", -1),
    ("毛利率31.8%,2024财年为29.5%,主要因即食产品占比提高。", 1),
    ("毛利率26.8%,2024年为25.9%。", 1),
    ("Gross margin was 38.2%, against 36.9% in FY2024.", 1),
    ("Gross margin was 35.0%, against 36.9% in FY2024.", -1),
    # no figure whose being high is an upside: no side from the numbers
    ("收入7.02亿元,2024年为6.7亿元", 0),
    ("费用率12%,2024年为10%", 0),
    # the stance words decide first
    ("毛利率下降至22.7%,2024财年为24.0%。", -1),
])
def test_a_rate_restated_a_year_before_takes_the_side_of_its_change(text, side):
    from chatbot.compose.sections import stance_of

    assert stance_of(text) == side
