"""Where the person's own data lives (the log, settings). Never inside the app."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import time
from pathlib import Path

from bodymap.core.errors import UserError

ENV_DATA_DIR = "BODYMAP_DATA_DIR"
STALE_PARTIAL_S = 10 * 60  # a temporary file this old belongs to a write that was killed


def user_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` beats $BODYMAP_DATA_DIR beats the platform's user data folder. An empty
    folder name is refused: taken as "not given" it would silently mean the real log."""
    if override is not None:
        if not str(override).strip():
            raise UserError("--data-dir is empty: name a folder, or leave the option out")
        return Path(override).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env is not None:
        if not env.strip():
            raise UserError(f"${ENV_DATA_DIR} is set but empty: name a folder, or unset it")
        return Path(env).expanduser()
    import platformdirs  # only when no folder was given: it costs start-up time

    return Path(platformdirs.user_data_dir("bodymap", appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """The folder, created readable by its owner only (0700) when it does not exist: it holds
    health data. A folder that exists keeps its mode: the person chose it."""
    path = Path(path)
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        if not path.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path)) from None
        return path
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:  # another bodymap made it just now
            if not path.is_dir():
                raise
            return path
    if os.name == "posix":
        os.chmod(path, 0o700)  # the umask may have taken bits away, never added them
    return path


def create_private_file(path: Path) -> Path:
    """Create `path` empty and readable by its owner only (0600) unless it exists; an existing
    one is made 0600 too. For files other code writes later (Qt keeps the mode it finds)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    if os.name == "posix":
        os.chmod(path, 0o600)
    return path


def remove_stale_partials(
    folder: Path, pattern: re.Pattern[str], older_than_s: float = STALE_PARTIAL_S
) -> int:
    """Delete the files in `folder` whose names match `pattern` and that nobody has written to
    for `older_than_s`: the temporary files of writes that were killed. Returns how many."""
    cutoff = time.time() - older_than_s
    removed = 0
    try:
        found = list(os.scandir(folder))
    except OSError:
        return 0
    for item in found:
        if not pattern.fullmatch(item.name):
            continue
        try:
            if item.is_file(follow_symlinks=False) and item.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(item.path)
                removed += 1
        except OSError:
            continue  # gone already, or not ours to remove: leave it
    return removed
