"""The data files under config/ (word lists, term lists, thresholds) read in one way: a file
that is no valid TOML is a ConfigError naming the file and the place, in one line."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from chatbot.errors import ConfigError


def read_toml(path: Path | str) -> dict[str, Any]:
    p = Path(path)
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{p} is no valid TOML: {e}") from e
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read {p}: {e}") from e
