"""The keyword index's search engine: tantivy (Lucene-like immutable segments, block-max
WAND top-k, so a question reads the posting blocks that can still reach the top, not
every row that holds a query term) over our own jieba tokens, given pre-tokenised and
joined by spaces (tantivy's `whitespace` tokenizer keeps each token whole and unchanged).

One tantivy document per chunk: `id` (the chunk id, for deletes), `row` (the chunk's
rowid in the record database, a fast field: hits map to records without reading
tantivy's document store) and `terms`. One more document, `id` = STAMP_ID, carries the
stamp of the last commit, so the commit and the stamp it stands for are one atomic
write (tantivy replaces its meta.json atomically).

This module only finds candidates; keyword_index.py scores them exactly.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import tantivy

log = logging.getLogger(__name__)

STAMP_ID = "\x00stamp"  # chunk ids never start with NUL
WRITER_HEAP = 50_000_000  # bytes; tantivy flushes a segment when a writer's heap fills
Row = tuple[str, int, str]  # chunk id, rowid, its terms joined by spaces


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", tokenizer_name="raw", index_option="basic")
    sb.add_unsigned_field("row", fast=True)
    sb.add_text_field("terms", tokenizer_name="whitespace", index_option="freq")
    sb.add_text_field("stamp", stored=True, tokenizer_name="raw", index_option="basic")
    return sb.build()


SCHEMA = _schema()


class TermIndex:
    """A tantivy index in `folder` (or in memory when None), read through a searcher
    fixed at open or at this object's last write (no background reloads: the view
    changes only when the caller says so)."""

    def __init__(self, folder: Path | None):
        if folder is None:
            self.index = tantivy.Index(SCHEMA)
        else:
            folder.mkdir(parents=True, exist_ok=True)
            self.index = tantivy.Index(SCHEMA, str(folder), reuse=True)
        self.index.config_reader(reload_policy="Manual")
        self.searcher = self.index.searcher()

    def stamp(self) -> str | None:
        """The stamp of the commit this view shows (None: never written)."""
        q = tantivy.Query.term_query(SCHEMA, "id", STAMP_ID)
        hits = self.searcher.search(q, 1, count=False).hits
        if not hits:
            return None
        return self.searcher.doc(hits[0][1]).get_first("stamp")

    def write(self, removed: Iterable[str], added: Iterable[Row], stamp: str, clear: bool = False) -> None:
        """One commit: delete `removed` chunk ids (everything when `clear`), add `added`,
        stamp it. The caller holds the store's write lock, so this process is the only
        writer (tantivy's own writer lock would refuse a second one)."""
        writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
        try:
            if clear:
                writer.delete_all_documents()
            for cid in removed:
                writer.delete_documents_by_term("id", cid)
            for cid, row, terms in added:
                doc = tantivy.Document()
                doc.add_text("id", cid)
                doc.add_unsigned("row", row)  # (a plain int would be taken as i64)
                doc.add_text("terms", terms)
                writer.add_document(doc)
            writer.delete_documents_by_term("id", STAMP_ID)
            writer.add_document(tantivy.Document(id=STAMP_ID, stamp=stamp))
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()  # merges done and the writer lock released before the next writer
        self.index.reload()
        self.searcher = self.index.searcher()

    def top(self, terms: list[str], n: int) -> list[int]:
        """Rowids of the `n` best chunks holding any of `terms` (tantivy's BM25)."""
        clauses = [(tantivy.Occur.Should, tantivy.Query.term_query(SCHEMA, "terms", t)) for t in terms]
        searcher = self.searcher
        hits = searcher.search(tantivy.Query.boolean_query(clauses), n, count=False).hits
        return [int(r) for r in searcher.fast_field_values("row", [a for _, a in hits]) if r is not None]
