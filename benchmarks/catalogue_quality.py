"""The entity catalogue measured against a hand-written gold file (issue 11 item 1).

tests/data/catalogue_gold.jsonl holds, for every article the project holds, the companies
and institutions it names: the name as first written, the other forms the text uses, the
English names it gives, the tickers, and whether the article reports on the company
("subject") or only names it ("mentioned"). Its first line lists the held-out documents
(every third one in file order), which no rule was tuned on; the figures are printed for
the tuned part and the held-out part separately.

Each document is loaded, chunked and extracted the way ingest does it (doc_text of its
chunks), so no store is needed:

    python -m benchmarks.catalogue_quality [--gold FILE] [--show-errors] [--json OUT]

Figures (precision / recall):
- names: an entry is right when its name is one of its company's gold forms (an entry
  that matches no gold company, or is named by a segment or a common word, is wrong);
  recall over the subject companies.
- short forms: the Chinese forms of the entries against the gold Chinese forms (a legal
  name's leading part is no error: "康泓医疗" of "康泓医疗集团有限公司").
- English names: the English forms, a gold English name's leading words being no error.
- tickers: the tickers of the entries, each against its company's.
- pinyin: a subject company is resolvable when the entry's pinyin holds the romanisation of
  its shortest Chinese gold form; precision over all pinyin forms (right when it is a way to
  write a right form's pinyin: chatbot/pinyin_readings.py).
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "catalogue_gold.jsonl"
# the folders of articles the project holds, in the order the gold file lists them
CORPORA = ["corpus", "tests/data/corpus-extra", "tests/data/corpus-new", "tests/data/corpus-new-2",
           "tests/data/corpus-dev4"] + [f"tests/data/dev-{i}/corpus" for i in (3, 5, 6, 7, 8, 9, 10, 11, 12)]
_CJK = re.compile(r"[\u4e00-\u9fff]")
KINDS = ("names", "short forms", "English names", "tickers", "pinyin")


def norm(s: str) -> str:
    """A form as compared: NFKC, case folded, the comma before an English legal form off
    ("Fengsui Seed Co., Ltd." is "fengsui seed co. ltd.")."""
    return re.sub(r",\s*", " ", unicodedata.normalize("NFKC", s).strip().casefold())


@dataclass
class Tally:
    tp_p: int = 0  # right among what was found
    n_p: int = 0  # found
    tp_r: int = 0  # gold items found
    n_r: int = 0  # gold items
    errors: list[str] = field(default_factory=list)

    def found(self, ok: bool, what: str) -> None:
        self.n_p += 1
        self.tp_p += ok
        if not ok:
            self.errors.append(f"extra {what}")

    def gold(self, ok: bool, what: str) -> None:
        self.n_r += 1
        self.tp_r += ok
        if not ok:
            self.errors.append(f"missed {what}")

    def figures(self) -> tuple[float, float]:
        return (self.tp_p / self.n_p if self.n_p else 1.0, self.tp_r / self.n_r if self.n_r else 1.0)


def load_gold(path: Path = GOLD) -> tuple[dict, set[str]]:
    docs, holdout = {}, set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if "holdout" in rec:
            holdout = set(rec["holdout"])
        else:
            docs[rec["doc"]] = rec["companies"]
    return docs, holdout


def load_documents(doc_ids: Iterable[str] | None = None) -> dict[str, tuple[str, list[str], str]]:
    """Every article's (title, front-matter tickers, text as ingest gives it to the catalogue)."""
    from chatbot.catalogue import doc_text
    from chatbot.config import load_settings
    from ingest.chunking import chunk_document
    from ingest.loaders import discover, load_path

    wanted = set(doc_ids) if doc_ids is not None else None
    settings = load_settings()
    out: dict[str, tuple[str, list[str], str]] = {}
    for folder in CORPORA:
        for p in discover(ROOT / folder):
            doc = load_path(p, settings)
            if doc.doc_id in out or (wanted is not None and doc.doc_id not in wanted):
                continue
            out[doc.doc_id] = (doc.title, list(doc.tickers), doc_text(chunk_document(doc, settings.chunking)))
    return out


def _forms(g: dict) -> set[str]:
    return {norm(f) for f in [g["name"], *g.get("forms", []), *g.get("en", [])]}


def _zh(g: dict) -> list[str]:
    return [f for f in [g["name"], *g.get("forms", [])] if _CJK.search(f)]


def _leading_part(form: str, golds: Iterable[str]) -> bool:
    """A leading part of a gold form: "康泓医疗" of "康泓医疗集团有限公司", "Tencent Music" of
    "Tencent Music Entertainment Group" (whole words)."""
    f = norm(form)
    for g in map(norm, golds):
        if not g.startswith(f) or g == f:
            continue
        if _CJK.search(f) and len(f) >= 2:
            return True
        if not _CJK.search(f) and g[len(f)] == " ":
            return True
    return False


def _match(entry, golds: list[dict]) -> dict | None:
    forms = {norm(f) for f in [entry.name, *entry.aliases]}
    best = max(golds, key=lambda g: len(forms & _forms(g)), default=None)
    return best if best is not None and forms & _forms(best) else None


def score_document(doc_id: str, entries: list, golds: list[dict], t: dict[str, Tally]) -> None:
    from chatbot.names import romanise
    from chatbot.pinyin_readings import pinyin_forms

    matched: dict[int, list] = {}
    for e in entries:
        g = _match(e, golds)
        t["names"].found(g is not None and norm(e.name) in _forms(g), f"{doc_id}: entry {e.name}")
        tickers_ok = {x.upper() for x in g.get("tickers", [])} if g else set()
        for x in e.tickers:
            t["tickers"].found(x.upper() in tickers_ok, f"{doc_id}: {x} on {e.name}")
        pinyin_ok = set()
        if g is not None:
            matched.setdefault(id(g), []).append(e)
            zh = _zh(g)
            for f in [e.name, *e.aliases]:
                ok = norm(f) in _forms(g) or _leading_part(f, [g["name"], *g.get("forms", []), *g.get("en", [])])
                if _CJK.search(f):
                    t["short forms"].found(ok, f"{doc_id}: form {f} of {g['name']}")
                else:
                    t["English names"].found(ok, f"{doc_id}: English {f} of {g['name']}")
            okz = [f for f in [e.name, *e.aliases] if _CJK.search(f) and (norm(f) in _forms(g) or _leading_part(f, zh))]
            pinyin_ok = set(pinyin_forms(okz))  # (every way a right form's pinyin may be written)
        for p in e.pinyin:
            t["pinyin"].found(p in pinyin_ok, f"{doc_id}: pinyin {p} of {e.name}")
    for g in golds:
        if g.get("role") != "subject":
            continue
        es = matched.get(id(g), [])
        forms = {norm(f) for e in es for f in [e.name, *e.aliases]}
        t["names"].gold(any(norm(e.name) in _forms(g) for e in es), f"{doc_id}: company {g['name']}")
        for f in _zh(g):
            t["short forms"].gold(norm(f) in forms, f"{doc_id}: form {f} of {g['name']}")
        for f in g.get("en", []):
            t["English names"].gold(norm(f) in forms, f"{doc_id}: English {f} of {g['name']}")
        tickers = {x.upper() for e in es for x in e.tickers}
        for x in g.get("tickers", []):
            t["tickers"].gold(x.upper() in tickers, f"{doc_id}: ticker {x} of {g['name']}")
        zh = _zh(g)
        if zh:
            want = romanise(min(zh, key=len))
            t["pinyin"].gold(bool(want) and any(want in e.pinyin for e in es), f"{doc_id}: pinyin {want} of {g['name']}")


def measure(gold: dict, docs: dict, ids: Iterable[str]) -> dict[str, Tally]:
    from chatbot.entity_extract import extract

    tallies = {k: Tally() for k in KINDS}
    for doc_id in ids:
        title, tickers, text = docs[doc_id]
        score_document(doc_id, extract(title, tickers, text), gold[doc_id], tallies)
    return tallies


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--show-errors", action="store_true", help="list the errors of the tuned part")
    ap.add_argument("--show-heldout-errors", action="store_true", help="list the errors of the held-out part too")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    gold, holdout = load_gold(args.gold)
    docs = load_documents(gold)
    missing = sorted(set(gold) - set(docs))
    if missing:
        print(f"not found among the articles: {', '.join(missing)}")
    parts = {"tuned": [d for d in gold if d in docs and d not in holdout],
             "held-out": [d for d in gold if d in docs and d in holdout]}
    out = {}
    print(f"{'part':9} {'docs':>4}  " + "  ".join(f"{k:>17}" for k in KINDS))
    for part, ids in parts.items():
        tallies = measure(gold, docs, ids)
        figs = {k: tallies[k].figures() for k in KINDS}
        out[part] = {k: {"precision": round(p, 3), "recall": round(r, 3)} for k, (p, r) in figs.items()}
        print(f"{part:9} {len(ids):>4}  " + "  ".join(f"P {p:.3f} R {r:.3f}" for p, r in figs.values()))
        if args.show_errors and (part == "tuned" or args.show_heldout_errors):
            for k in KINDS:
                for err in tallies[k].errors:
                    print(f"  [{part}/{k}] {err}")
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
