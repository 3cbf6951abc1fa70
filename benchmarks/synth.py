"""Synthetic corpora made from the real corpus text: sentences of the bundled corpus
recombined at random into distinct ~300-character passages, written as Markdown
documents whose paragraphs each become exactly one chunk (a paragraph shorter than
chunking.target_chars is never split, and two such paragraphs never share a chunk).

A synthetic passage must state nothing the bundled corpus does not: the question sets'
refusals are questions that corpus cannot answer. So the pool holds whole sentences as
the reader reads them (clauses joined by ；/; stay together: they share a subject), each
ending with its end mark (one is added to a line that has none, a list item or a
reference), so that a passage splits back into exactly its pool sentences and no
sentence gets its subject from one line and its figure from another ("1月2日:壁仞科技
挂牌;" + "IPO本身规模很小:发行价205港元" read as 壁仞's offer price). Sentences of
../shared/corpus-extra are left out by default: they hold facts about the corpus's
companies that the corpus lacks (智谱's opening price), which the refusals ask for."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from benchmarks.common import CORPUS, EXTRA

_END = ("。", "！", "？", "!", "?", "…")


def sentence_pool(include_extra: bool = False) -> list[str]:
    from chatbot.config import load_settings
    from chatbot.text import split_sentences
    from ingest.loaders import discover, load

    settings = load_settings()
    roots = [CORPUS] + ([EXTRA] if include_extra and EXTRA.is_dir() else [])
    pool: list[str] = []
    for root in roots:
        for f in discover(root):
            try:
                doc = load(f, settings)
            except Exception as e:  # a file the loader rejects adds no sentences; say so
                print(f"synth: skipped {f}: {type(e).__name__}: {e}", file=sys.stderr)
                continue
            for line in doc.text.splitlines():
                line = line.strip()
                if not line or line.startswith(("#", "|")):
                    continue
                line = re.sub(r"^([-*+]|\d+[.)、]|\[\d+\])\s*", "", line)
                for s in split_sentences(line, semicolons=False):
                    ended = s if s.endswith(_END) else s.rstrip("；;，,、：: ") + "。"
                    if split_sentences(ended, semicolons=False) != [ended]:
                        ended = s  # it ends already ('“……为什么是现在?”')
                    if 12 <= len(ended) <= 300:
                        pool.append(ended)
    return list(dict.fromkeys(pool))


def passages(n: int, seed: int = 7, lo: int = 240, hi: int = 310, include_extra: bool = False) -> list[str]:
    """N distinct passages of lo..hi characters."""
    rng = random.Random(seed)
    pool = sentence_pool(include_extra)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        parts: list[str] = []
        size = 0
        for _ in range(40):
            s = rng.choice(pool)
            if size + len(s) <= hi and s not in parts:
                parts.append(s)
                size += len(s)
            if size >= lo:
                break
        text = "".join(parts)
        if size >= lo and text not in seen:
            seen.add(text)
            out.append(text)
    return out


def write_corpus(folder: Path, n_passages: int, per_doc: int, prefix: str, seed: int = 7) -> list[Path]:
    """Write ceil(n/per_doc) Markdown documents holding n_passages paragraphs in all."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = passages(n_passages, seed=seed)
    files = []
    for d, start in enumerate(range(0, n_passages, per_doc)):
        body = "\n\n".join(texts[start : start + per_doc])
        p = folder / f"{prefix}-{d:03d}.md"
        p.write_text(
            f"---\nid: {prefix}-{d:03d}\ntitle: 合成基准文档 {d:03d}\npublisher: benchmark\n"
            f"date: 2026-01-01\nlanguage: zh\n---\n\n# 合成段落 {d:03d}\n\n{body}\n",
            encoding="utf-8",
        )
        files.append(p)
    return files


def count_chunks(files: list[Path]) -> int:
    from chatbot.config import load_settings
    from ingest.chunking import chunk_document
    from ingest.loaders import load

    settings = load_settings()
    return sum(len(chunk_document(load(f, settings), settings.chunking)) for f in files)
