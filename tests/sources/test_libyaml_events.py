"""YAML read with libyaml's events and ruamel's composer: what ruamel alone makes, sooner."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from docgen.errors import SourceError
from docgen.sources import libyaml_events, yaml_parser
from docgen.sources.yaml_parser import YamlSource, parse_yaml
from yaml_texts import LINES, yamlish

pytestmark = pytest.mark.skipif(libyaml_events.CSafeLoader is None,
                                reason="PyYAML without libyaml: ruamel reads everything")

TEXTS = {
    "assessment": """\
framework: engineering/backend
candidate: {name: "Zoë 🧑🏽‍💻 Ünal", role: Engineer}
current_level: 2
target_level: 3
period: "2026 H2"
ratings:
  l3.mastery.go:
    self: consistently
    manager: 'not yet'
    evidence:
      - {text: "Change 405", url: "https://example.com/pr/792"}
      - Feedback from the quarterly review
    comments: |
      Seen often.
        Indented line kept.
  l3.mastery.sql:
    self: developing
    comments: >
      folded
      into one line
""",
    "front matter": """\
path: "/engineering/backend"
title: "🛠️ Backend Engineering"
yaml: true
levels: 6
topics:
  - name: communication
    title: Communication
    content:
      - level: 1
        criteria:
          - "Writes clear PR descriptions: what and why"
          - Asks for help when stuck
        examples: ["one", 'two', three]
""",
    "yaml 1.2 scalars": """\
norway: no
on: off
octal: 010
hex: 0x1F
float: 1.5e3
sexagesimal: 1:20
date: 2026-12-07
nothing: ~
big: 123456789012345678901234567890
""",
}


def comparable(value, path="$"):
    """Every container's place and its keys' and items' places, with their values' types; an
    empty value's place left out (libyaml and ruamel differ there)."""
    found = []
    if isinstance(value, (CommentedMap, CommentedSeq)):
        items = list(value.items() if isinstance(value, CommentedMap) else enumerate(value))
        places = sorted((str(k), tuple(v[:2] if items and value[k] is None else v))
                        for k, v in (value.lc.data or {}).items())
        found.append((path, type(value).__name__, value.lc.line, value.lc.col, places))
        for key, item in items:
            found += comparable(item, f"{path}.{key}")
    else:
        found.append((path, type(value).__name__, value))
    return found


def ruamel_alone(text):
    return yaml_parser._new_loader().load(text)


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_libyaml_events_give_what_ruamel_gives_values_types_and_positions(name):
    text = TEXTS[name]
    fast = libyaml_events.load(text, yaml_parser._NoAliasComposer,
                               yaml_parser._BoundedConstructor)
    assert fast is not libyaml_events.NOT_READ
    assert fast == ruamel_alone(text)
    assert comparable(fast) == comparable(ruamel_alone(text))


def test_yaml_1_2_scalars_stay_what_yaml_1_2_says():
    read = libyaml_events.load(TEXTS["yaml 1.2 scalars"], yaml_parser._NoAliasComposer,
                               yaml_parser._BoundedConstructor)
    assert read["norway"] == "no" and read["on"] == "off"  # not booleans, as in YAML 1.1
    assert read["octal"] == 10 and read["hex"] == 31 and read["sexagesimal"] == "1:20"


def test_parse_yaml_does_not_ask_ruamel_to_scan_what_libyaml_reads(monkeypatch):
    def refuse():
        raise AssertionError("ruamel's own scanner was used")

    monkeypatch.setattr(yaml_parser, "_new_loader", refuse)
    read = parse_yaml(TEXTS["front matter"], YamlSource("f.md", 2), [])
    assert read["topics"][0]["content"][0]["criteria"][1] == "Asks for help when stuck"
    assert YamlSource("f.md", 2).item(read["topics"][0]["content"][0]["criteria"], 1) \
        .line == 2 + 11


@pytest.mark.parametrize("text", [
    "a: [1, 2\n",  # a syntax error: ruamel's message
    "%YAML 1.1\n---\na: yes\n",  # a version directive changes what scalars mean
    "a: !custom 1\n",  # an explicit tag
    "--- 1\n--- 2\n",  # two documents
    "a: \x07\n",  # a character ruamel refuses
    "a: 1\nb: &x:y 2\n",  # an anchor: where its name ends, the two disagree
    "a: 1\nb: >#\n  c\n",  # a comment glued to a block scalar's header
    "a:\n\t- 1\n",  # a TAB
    "a: 1\u2028b: 2\n",  # a line break in YAML 1.1 only
])
def test_what_libyaml_and_ruamel_could_read_differently_is_left_to_ruamel(text):
    assert libyaml_events.load(text, yaml_parser._NoAliasComposer,
                               yaml_parser._BoundedConstructor) is libyaml_events.NOT_READ


def test_an_alias_is_still_refused_at_its_place():
    with pytest.raises(SourceError) as raised:
        parse_yaml("a: &x [1]\nb:\n  - *x\n", YamlSource("f.yaml", 1), [])
    assert raised.value.problem.code == "yaml-alias"
    assert (raised.value.problem.location.line, raised.value.problem.location.column) == (3, 5)


def test_a_duplicate_key_is_still_refused_at_its_place():
    with pytest.raises(SourceError) as raised:
        parse_yaml("a: 1\nb: 2\na: 3\n", YamlSource("f.yaml", 1), [])
    assert "duplicate key" in raised.value.problem.message
    assert raised.value.problem.location.line == 3


def test_an_empty_value_stands_after_its_colon():
    read = parse_yaml("title:\nlevels: 3\n", YamlSource("f.md", 2), [])
    where = YamlSource("f.md", 2).value(read, "title")
    assert read["title"] is None and (where.line, where.column) == (2, 7)


def outcome(read):
    """What reading gave: the value's comparable form, or the error's kind and place."""
    try:
        value = read()
    except Exception as exc:  # noqa: BLE001 - the two readers' errors are compared
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "mark", None)
        return type(exc).__name__, getattr(mark, "line", None), getattr(mark, "column", None)
    return value if value is libyaml_events.NOT_READ else comparable(value)


# Lines more often well formed than `LINES` (which libyaml mostly refuses): values of
# words, numbers, quotes, flow collections, comments and block scalars.
VALUES = st.lists(st.sampled_from(["a", "b1", " ", "é", "🛠", "1", "0x1F", "1.5", "no", "~", "#",
                                   " #", ":", "-", "'", '"', "[", "]", "{", "}", ",", "|", ">",
                                   "&a", "*a", "!", "\\", "2026-12-07", "null"]),
                  max_size=6).map("".join)
TAME_LINES = st.lists(st.tuples(st.integers(0, 6), st.sampled_from(["", "- ", "-  "]),
                                st.sampled_from(["title", "levels", "a", "b", "é", '"q"']),
                                st.sampled_from([": ", ":", ":  "]), VALUES), max_size=10)


SCALARS = st.one_of(st.text(st.sampled_from(list("ab :-#'\"\\[]{},|>&*!%@`?\n") + ["é", "🛠", "\u200d",
                                                                                   "\u2028"]),
                             max_size=30),
                     st.integers(-10**20, 10**20), st.booleans(), st.none(),
                     st.floats(allow_nan=False))
KEYS = st.text(st.sampled_from(list("ab1 :-#é")), min_size=1, max_size=8)
DATA = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(KEYS, inner, max_size=4)),
                    max_leaves=25)


def dumped(data, flow: bool, width: int) -> str:
    """`data` as ruamel.yaml writes it: YAML that is always well formed, in many styles."""
    import io

    from ruamel.yaml import YAML

    writer = YAML()
    writer.default_flow_style, writer.width = flow, width
    stream = io.StringIO()
    writer.dump(data, stream)
    return stream.getvalue()


@pytest.mark.filterwarnings("ignore::ruamel.yaml.error.ReusedAnchorWarning")
@given(st.one_of(LINES, TAME_LINES,
                 st.builds(dumped, DATA, st.booleans(), st.integers(20, 80)).map(
                     lambda text: [(0, "", text, "", "")])))
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_libyaml_reads_is_read_as_ruamel_reads_it(lines):
    text = yamlish(lines)
    fast = outcome(lambda: libyaml_events.load(text, yaml_parser._NoAliasComposer,
                                               yaml_parser._BoundedConstructor))
    if fast is libyaml_events.NOT_READ:
        return
    assert fast == outcome(lambda: ruamel_alone(text))
