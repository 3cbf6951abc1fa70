"""`chatbot` — one entry point: ingest, ask, serve, eval. Only argument handling and
printing live here; the work is done by the engine, the ingest pipeline and the
evaluation module. Heavy libraries load only inside the command that needs them."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Cited Q&A over the Unisound / HK AI valuation report and its sources.")

StoreOpt = typer.Option(None, "--store", help="index folder (default: store.path in config, var/index)")


@app.callback()
def _every_command() -> None:
    # idle OpenMP threads of the embedding runtime sleep instead of spinning: with other jobs
    # on the cores, spinning cost ~200 ms of CPU per question (~25 ms passive) and made an
    # eval under load ~100x slower. Set before the runtime loads; an explicit value wins.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def _settings(store: Optional[Path], **extra):
    from chatbot.config import load_settings

    overrides = dict(extra)
    if store is not None:
        overrides["store"] = {"path": str(store.resolve())}
    with _one_line_errors():  # a bad configuration file or value: one `error:` line
        return load_settings(**overrides)


def _fail(msg: str, code: int = 1) -> NoReturn:
    typer.secho(f"error: {msg}", fg="red", err=True)
    raise typer.Exit(code)


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """An expected error (chatbot.errors) ends the command with one `error:` line."""
    from chatbot.errors import ChatbotError

    try:
        yield
    except ChatbotError as e:
        _fail(str(e))


def _engine(store: Optional[Path], ensure: bool = True):
    from chatbot.documents import Documents
    from chatbot.engine import Engine

    with _one_line_errors():
        engine = Engine(_settings(store))
        engine.store.check_model()
        _ = engine.store.collection  # an unreachable Chroma server fails here, in one line
        if ensure and not engine.store.docs:
            typer.echo("index is empty: ingesting the bundled corpus first", err=True)
            report = Documents(engine.settings, engine.store).ensure_corpus(show_progress=sys.stderr.isatty())
            if report is not None:
                typer.echo(report.summary(), err=True)
        return engine


@app.command()
def ingest(
    targets: list[str] = typer.Argument(None, help="files, folders or URLs (default: the corpus folder)"),
    store: Optional[Path] = StoreOpt,
    prune: bool = typer.Option(True, help="drop documents that left an ingested folder"),
    rebuild: bool = typer.Option(False, "--rebuild", help="drop the index and embed everything again"),
):
    """Ingest documents incrementally: unchanged ones are skipped, changed ones replaced."""
    from chatbot.documents import Documents

    settings = _settings(store)
    targets = targets or [str(settings.resolve(settings.ingest.corpus_dir))]
    with _one_line_errors():
        report = Documents(settings).add(targets, prune=prune, rebuild=rebuild, show_progress=True)
    typer.echo(report.summary())
    if report.failed and not (report.added or report.updated or report.skipped):
        raise typer.Exit(1)


def _print_answer(answer) -> None:
    from chatbot.citations import REFERENCES_HEADING, reference_lines
    from chatbot.engine import DISCLAIMER

    typer.echo(answer.text)
    if answer.citations:
        typer.echo(f"\n{REFERENCES_HEADING}")
        for line in reference_lines(answer.citations):
            typer.echo(line)
    if answer.tickers:
        typer.echo("相关个股: " + ", ".join(answer.tickers))
    for n in answer.notices:
        typer.echo(f"note: {n}", err=True)
    typer.echo(f"\n{DISCLAIMER}")


@app.command()
def ask(
    question: Optional[str] = typer.Argument(None, help="the question"),
    questions: Optional[Path] = typer.Option(None, "--questions", help="JSONL question set: one answer per line"),
    as_json: bool = typer.Option(False, "--json", help="print the ask --json shape"),
    store: Optional[Path] = StoreOpt,
):
    """Answer one question (or every line of a question file) with citations."""
    if not question and not questions:
        _fail("give a QUESTION or --questions FILE.jsonl", 2)
    engine = _engine(store)
    if questions:
        from chatbot.evaluation import load_questions

        try:
            items = load_questions(questions, for_eval=False)
        except ValueError as e:
            _fail(str(e), 2)
        for item in items:
            a = engine.ask(item.question, item.history)
            if as_json:
                typer.echo(json.dumps(a.to_json(item.id), ensure_ascii=False))
            else:
                typer.echo(f"## {item.id}: {item.question}")
                _print_answer(a)
                typer.echo("")
        return
    a = engine.ask(question)
    if as_json:
        typer.echo(json.dumps(a.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_answer(a)


@app.command()
def serve(
    host: Optional[str] = typer.Option(None, help="bind address (default 127.0.0.1)"),
    port: Optional[int] = typer.Option(None, help="port (default 7860)"),
    store: Optional[Path] = StoreOpt,
):
    """Start the web chat with its REST API (/api/v1), OpenAI-compatible endpoint (/v1)
    and API docs (/docs), all on one port (ingests the bundled corpus first if the index
    is empty)."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    engine = _engine(store)
    from chatbot.api import serve as serve_api

    serve_api(engine, host=host, port=port)


@app.command("eval")
def evaluate(
    questions: Optional[list[Path]] = typer.Option(
        None, "--questions", help="JSONL question set (default: the project's); repeat to evaluate several as one set"),
    out: Optional[Path] = typer.Option(None, "--out", help="output folder (default: var/eval)"),
    store: Optional[Path] = StoreOpt,
    baselines: bool = typer.Option(True, help="also run the dense-only and keyword-only baselines"),
    no_glossary: bool = typer.Option(
        False, "--no-glossary",
        help="leave out config/glossary.toml's company and term sections: what the engine learns from the documents alone"),
):
    """Run a question set; write metrics.json, report.md and a chart."""
    from chatbot.evaluation import run_evaluation, summary_table

    if no_glossary:
        os.environ["CHATBOT_ANSWER__USE_GLOSSARY"] = "false"

    engine = _engine(store)
    s = engine.settings
    qpaths = list(questions) if questions else [s.resolve(s.eval.questions)]
    outdir = out or s.resolve(s.eval.out_dir)
    try:
        result = run_evaluation(engine, qpaths, outdir, baselines=baselines, show_progress=True)
    except ValueError as e:
        _fail(str(e), 2)
    typer.echo(summary_table(result))
    typer.echo(f"\nwrote {outdir / 'metrics.json'}, {outdir / 'report.md'}, {outdir / 'systems.png'}")


if __name__ == "__main__":
    app()
