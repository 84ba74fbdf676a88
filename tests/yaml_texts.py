"""Random YAML-like texts for property tests: lines of keys, dashes and awkward characters."""

from __future__ import annotations

from hypothesis import strategies as st

# Characters that matter to YAML and Markdown, plus some that do not fit anywhere.
ALPHABET = st.sampled_from(list("ab1 :-\t#>*[]{}\"'|&!%@`\\,.?\n") + ["\ufeff", "é", "🛠", "\x00",
                                                                       "\u200d", "\r"])
TEXT = st.text(ALPHABET, max_size=120)
KEYS = st.sampled_from(["title", "yaml", "levels", "topics", "path", "name", "level", "criteria",
                        "content", "exampleCriteria", "examples", "x"])
LINES = st.lists(st.tuples(st.integers(0, 10), st.sampled_from(["", "- "]), KEYS,
                           st.sampled_from([": ", ":", " "]), TEXT), max_size=12)


def yamlish(lines) -> str:
    """The text of `LINES`: each line indented, maybe dashed, a key, a separator, a value."""
    return "\n".join(" " * indent + dash + key + sep + value for indent, dash, key, sep, value in lines)
