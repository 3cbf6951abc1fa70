"""Companies and bilingual terms from `config/glossary.toml`: which companies a text
names, their tickers, and the Chinese terms an English question stands for."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from chatbot.config import PROJECT_ROOT

GLOSSARY_TOML = PROJECT_ROOT / "config" / "glossary.toml"


@dataclass
class Glossary:
    aliases: dict[str, str] = field(default_factory=dict)  # alias (lower) -> canonical
    tickers: dict[str, str] = field(default_factory=dict)  # canonical -> ticker
    terms: dict[str, list[str]] = field(default_factory=dict)  # english (lower) -> chinese
    metrics: dict[str, list[str]] = field(default_factory=dict)  # metric -> its forms (lower)
    synonyms: dict[str, list[str]] = field(default_factory=dict)  # word -> ways it is written
    companies: set[str] = field(default_factory=set)  # canonical names from [entities]

    def entities(self, text: str) -> list[str]:
        """Canonical companies named in the text, in order of first mention."""
        low = text.lower()
        hits: list[tuple[int, str]] = []
        for alias, canon in self.aliases.items():
            pat = re.escape(alias)
            if alias.isascii():
                pat = rf"(?<![0-9a-z]){pat}(?![0-9a-z])"
            m = re.search(pat, low)
            if m:
                hits.append((m.start(), canon))
        out: list[str] = []
        for _, canon in sorted(hits):
            if canon not in out:
                out.append(canon)
        return out

    def metrics_in(self, text: str) -> list[str]:
        """Metrics the text names (any of their forms)."""
        low = text.lower()
        return [m for m, forms in self.metrics.items() if any(_contains(low, f) for f in forms)]

    def expand(self, text: str) -> str:
        """Chinese equivalents of the English terms and company names in the text,
        appended, so keyword search and sentence scoring can match Chinese passages."""
        low = text.lower()
        extra = [canon for canon in self.entities(text) if canon.lower() not in low]
        for term in sorted(self.terms, key=len, reverse=True):
            if re.search(rf"(?<![a-z]){re.escape(term)}(?![a-z])", low):
                extra += self.terms[term]
                low = low.replace(term, " ")
        return text if not extra else f"{text} {' '.join(dict.fromkeys(extra))}"


@lru_cache(maxsize=4)
def load_glossary(path: Path = GLOSSARY_TOML) -> Glossary:
    if not path.exists():
        return Glossary()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}
    for section in ("entities", "others"):
        for canon, names in data.get(section, {}).items():
            aliases[canon.lower()] = canon
            for n in names:
                aliases[n.lower()] = canon
    return Glossary(
        aliases=aliases,
        tickers=dict(data.get("tickers", {})),
        terms={k.lower(): list(v) for k, v in data.get("terms", {}).items()},
        metrics={k: [f.lower() for f in v] for k, v in data.get("metrics", {}).items()},
        synonyms={k.lower(): [f.lower() for f in v] for k, v in data.get("synonyms", {}).items()},
        companies=set(data.get("entities", {})),
    )


def _contains(low: str, form: str) -> bool:
    """Substring match; ASCII forms must stand as whole words."""
    if form.isascii() and form[:1].isalnum():
        return re.search(rf"(?<![0-9a-z]){re.escape(form)}(?![0-9a-z])", low) is not None
    return form in low
