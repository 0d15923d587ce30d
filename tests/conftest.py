"""Test setup shared by every tier.

Qt runs offscreen, and all user data goes to a throwaway folder: no test may
touch the real user data directory. Both are set before anything imports Qt.
"""

from __future__ import annotations

import os
import tempfile

os.environ["QT_QPA_PLATFORM"] = "offscreen"
_SANDBOX = tempfile.mkdtemp(prefix="bodymap-tests-")
os.environ["BODYMAP_DATA_DIR"] = os.path.join(_SANDBOX, "data")
for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[var] = os.path.join(_SANDBOX, var.lower())
os.environ["HOME"] = os.path.join(_SANDBOX, "home")
os.makedirs(os.environ["HOME"], exist_ok=True)
