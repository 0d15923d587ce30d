"""Safe YAML loading: the C loader when present, never an unsafe one, and no key given twice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# The C loader when pyyaml was built with libyaml, the pure-Python one otherwise.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """YAML keeps the last of two equal keys without a word; in a data file that silently
    overwrote a source's grade (a leftover `grade: C` under an A source), so it is an error."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key {key_node.value!r} is given twice", key_node.start_mark
                    )
                seen.add(key_node.value)
        result: dict[Any, Any] = super().construct_mapping(node, deep)
        return result


def load_yaml(path: Path) -> Any:
    with path.open("r", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)
