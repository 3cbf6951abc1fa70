"""Run the development question sets end to end and compare runs: the figures the README reports.

    python -m benchmarks.open_sets run [SET ...] --out DIR [--no-glossary] [--jobs 2] [--rebuild]
    python -m benchmarks.open_sets table DIR [DIR ...]        # fact / refusal per set, runs side by side
    python -m benchmarks.open_sets diff BEFORE AFTER          # the questions whose outcome changed
    python -m benchmarks.open_sets fails DIR [SET ...]        # failed questions of the open sets, with the answer

The sets (their folders and question files) are listed in `open_sets.toml`. A set marked
`hidden` is a blind one: it runs only when named, and `fails` and `diff` never print its
questions. Each set's store is built with `chatbot ingest` once and reused while the set's
folders and the ingest-time code are unchanged (the key is a hash of both); a store for a
longer folder list starts from a copy of the longest one already built for a prefix of it.
Stores live under `var/open-sets/stores` (`--stores DIR`).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS_FILE = Path(__file__).with_name("open_sets.toml")
# code whose change alters what ingest writes: a store built before such a change is rebuilt
INGEST_CODE = ["ingest", "src/chatbot/script.py", "src/chatbot/catalogue.py", "src/chatbot/entity_extract.py", "src/chatbot/structure.py", "src/chatbot/documents.py", "src/chatbot/table_cells.py",
               "src/chatbot/keyword_index.py", "src/chatbot/names.py", "src/chatbot/pinyin_readings.py", "config",
               # the passages' vectors: the embedders (a bulk ingest runs e5-onnx)
               "src/chatbot/embeddings.py", "src/chatbot/e5_graph.py", "src/chatbot/e5_onnx.py",
               "src/chatbot/e5_torch.py", "src/chatbot/e5_weights.py"]
INGEST_ENV = "CHATBOT_EMBEDDING__"  # environment settings that change the stored vectors


def load_sets() -> dict[str, dict]:
    return tomllib.loads(SETS_FILE.read_text(encoding="utf-8"))["sets"]


def _path_bytes(paths: list[Path]) -> bytes:
    """Every file under `paths`, each as its name then its content, in a fixed order: what a store key hashes."""
    parts = []
    for p in paths:
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        for f in files:
            if "__pycache__" in f.parts:
                continue
            parts += [str(f.relative_to(ROOT)).encode(), f.read_bytes()]
    return b"".join(parts)


@functools.cache
def _ingest_code_bytes() -> bytes:
    """The ingest-time code, read once a run (every store key, prefixes included, hashes it)."""
    return _path_bytes([ROOT / c for c in INGEST_CODE])


def store_key(folders: list[str]) -> str:
    h = hashlib.sha256(_ingest_code_bytes())
    h.update(repr(sorted((k, v) for k, v in os.environ.items() if k.startswith(INGEST_ENV))).encode())
    h.update(b"|folders|")
    h.update(_path_bytes([ROOT / f for f in folders]))
    return h.hexdigest()[:16]


def _chatbot() -> str:
    return str(Path(sys.executable).with_name("chatbot"))


def build_store(folders: list[str], stores: Path, rebuild: bool) -> Path:
    """The store for `folders`, built (or reused) under `stores`."""
    target = stores / f"{len(folders)}-{store_key(folders)}"
    if (target / ".complete").exists() and not rebuild:
        return target
    shutil.rmtree(target, ignore_errors=True)
    start = 0
    for n in range(len(folders) - 1, 0, -1):  # the longest prefix already built
        prefix = stores / f"{n}-{store_key(folders[:n])}"
        if (prefix / ".complete").exists() and not rebuild:
            # not its .complete: a build stopped before the rest is ingested must not pass for done
            shutil.copytree(prefix, target, ignore=shutil.ignore_patterns(".complete"))
            start = n
            break
    todo = folders[start:]
    log = stores / f"{target.name}.log"
    with log.open("w", encoding="utf-8") as out:
        subprocess.run([_chatbot(), "ingest", *todo, "--store", str(target)], cwd=ROOT, check=True,
                       stdout=out, stderr=subprocess.STDOUT)
    (target / ".complete").write_text(json.dumps(folders), encoding="utf-8")
    return target


def run_set(name: str, spec: dict, out: Path, store: Path, no_glossary: bool) -> str:
    """Evaluate a set's look-up and reader files on its (built) store: one summary row each."""
    lines = []
    for kind in ("questions", "reader"):
        files = spec.get(kind, [])
        if not files:
            continue
        dest = out / f"{name}-{'q' if kind == 'questions' else 'r'}"
        cmd = [_chatbot(), "eval", "--store", str(store), "--out", str(dest), "--no-baselines"]
        for f in files:
            cmd += ["--questions", f]
        if no_glossary:
            cmd.append("--no-glossary")
        shutil.rmtree(dest, ignore_errors=True)
        res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        if not (dest / "metrics.json").exists():  # a failed quality gate still writes it
            lines.append(f"{name} {kind}: eval failed ({res.returncode}): {res.stderr.strip()[-400:]}")
            continue
        lines.append(_row(name, kind, dest / "metrics.json"))
    return "\n".join(lines)


def _overall(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["systems"]["hybrid"]["overall"]


def _refusal(o: dict, none: str) -> str:
    return none if o["refusal_accuracy"] is None else f"{o['refusal_accuracy']:.3f}"


def _row(name: str, kind: str, path: Path) -> str:
    o = _overall(path)
    return f"{name:10} {kind:9} n={o['n']:3} fact {o['fact_accuracy']:.3f} refusal {_refusal(o, '-')}"


def cmd_run(args) -> None:
    sets = load_sets()
    names = args.sets or [n for n, s in sets.items() if not s.get("hidden")]
    unknown = [n for n in names if n not in sets]
    if unknown:
        sys.exit(f"error: unknown set(s) {', '.join(unknown)}; known: {', '.join(sets)}")
    out, stores = Path(args.out), Path(args.stores)
    out.mkdir(parents=True, exist_ok=True)
    stores.mkdir(parents=True, exist_ok=True)
    # stores first, one at a time (ingest is CPU-bound and shares prefixes), then the evals in parallel
    built = {}
    for n in names:
        print(f"store {n} ...", flush=True)
        built[n] = build_store(sets[n]["folders"], stores, args.rebuild)
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for row in pool.map(lambda n: run_set(n, sets[n], out, built[n], args.no_glossary), names):
            print(row, flush=True)


def _runs(directory: Path) -> dict[str, Path]:
    return {p.parent.name: p for p in sorted(directory.glob("*/metrics.json"))}


def cmd_table(args) -> None:
    dirs = [Path(d) for d in args.dirs]
    runs = [_runs(d) for d in dirs]
    keys = sorted(set().union(*runs), key=lambda k: (k.endswith("-r"), k))
    print(f"{'set':14}" + "".join(f"{d.name[-22:]:>26}" for d in dirs))
    for k in keys:
        cells = []
        for r in runs:
            if k not in r:
                cells.append(f"{'':>26}")
                continue
            o = _overall(r[k])
            cells.append(f"{o['fact_accuracy']:.3f}/{_refusal(o, '  -  ')} (n={o['n']})".rjust(26))
        print(f"{k:14}" + "".join(cells))


def _per_question(path: Path) -> dict[str, dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {q["id"]: q for q in data["per_question"]["hybrid"]}


def _hidden_runs() -> set[str]:
    return {f"{n}-{k}" for n, s in load_sets().items() if s.get("hidden") for k in ("q", "r")}


def cmd_diff(args) -> None:
    before, after = _runs(Path(args.before)), _runs(Path(args.after))
    hidden = _hidden_runs()
    for k in sorted(set(before) & set(after)):
        a, b = _per_question(before[k]), _per_question(after[k])
        better = [i for i in a if i in b and a[i]["failed"] and not b[i]["failed"]]
        worse = [i for i in a if i in b and not a[i]["failed"] and b[i]["failed"]]
        if not better and not worse:
            continue
        if k in hidden:
            print(f"{k}: {len(better)} better, {len(worse)} worse (hidden set: ids not shown)")
            continue
        print(f"{k}: better {' '.join(better) or '-'} | worse {' '.join(worse) or '-'}")
        for i in worse:
            q = b[i]
            print(f"   {i} {q['question'][:70]} -> {'REFUSED' if q['refused'] else q['answer'][:160]!r}")


def cmd_fails(args) -> None:
    runs, hidden = _runs(Path(args.dir)), _hidden_runs()
    for k, path in runs.items():
        if args.sets and k.rsplit("-", 1)[0] not in args.sets:
            continue
        if k in hidden:
            print(f"## {k}: hidden set, not shown")
            continue
        failed = [q for q in _per_question(path).values() if q["failed"]]
        print(f"## {k}: {len(failed)} failed")
        for q in failed:
            what = "REFUSED" if q["refused"] else q["answer"].replace("\n", " ")[:300]
            print(f"- {q['id']} [{','.join(q['tags'])}{'/' + q['intent'] if q.get('intent') else ''}] "
                  f"answerable={q['answerable']} {q['question']}")
            print(f"    expected {q['expected_facts']} missing {q['facts_missing']} cause {q.get('cause', '')}")
            print(f"    -> {what}")


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.open_sets", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="build the stores and evaluate the sets")
    r.add_argument("sets", nargs="*", help="set names (default: every set not marked hidden)")
    r.add_argument("--out", required=True)
    r.add_argument("--stores", default=str(ROOT / "var" / "open-sets" / "stores"))
    r.add_argument("--jobs", type=int, default=2)
    r.add_argument("--no-glossary", action="store_true")
    r.add_argument("--rebuild", action="store_true", help="re-ingest even when a store is cached")
    r.set_defaults(func=cmd_run)
    t = sub.add_parser("table", help="fact / refusal per set for one or more runs")
    t.add_argument("dirs", nargs="+")
    t.set_defaults(func=cmd_table)
    d = sub.add_parser("diff", help="questions whose outcome changed between two runs")
    d.add_argument("before")
    d.add_argument("after")
    d.set_defaults(func=cmd_diff)
    f = sub.add_parser("fails", help="the failed questions of a run (open sets only)")
    f.add_argument("dir")
    f.add_argument("sets", nargs="*")
    f.set_defaults(func=cmd_fails)
    args = p.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
