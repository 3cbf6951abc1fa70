"""config/evidence.toml, read once: the word lists and thresholds of evidence scoring
(chatbot/evidence.py, sentence_period.py)."""

from __future__ import annotations

from functools import lru_cache

from chatbot.config import PROJECT_ROOT
from chatbot.tomlfile import read_toml

EVIDENCE_TOML = PROJECT_ROOT / "config" / "evidence.toml"


@lru_cache(maxsize=1)
def evidence_config() -> dict:
    return read_toml(EVIDENCE_TOML)
