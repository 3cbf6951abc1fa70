"""Table-driven tests of the session-17 rules (dev-17's look-up failures, by class)."""
import pytest

from chatbot.names import load_rules, name_before


@pytest.mark.parametrize(
    ("before", "name"),
    [("滑雪度假运营商朔雪山地度假", "朔雪山地度假"),  # 地 (a particle to jieba) inside a coined name; "度假" alone is a word
     ("收费公路运营商长岳高速", "长岳高速"),  # no particle: unchanged
     ("运营商朔雪度假", "朔雪度假")],
)
def test_a_particle_inside_a_name_before_a_ticker(before, name):
    assert name_before(before, load_rules(), lenient=True) == name
