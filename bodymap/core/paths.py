"""Where the person's own data lives (the log, settings). Never inside the app."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "BODYMAP_DATA_DIR"


def user_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` beats $BODYMAP_DATA_DIR beats the platform's user data folder."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only when no folder was given: it costs start-up time

    return Path(platformdirs.user_data_dir("bodymap", appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create the folder readable by its owner only (0700): it holds health data."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path

