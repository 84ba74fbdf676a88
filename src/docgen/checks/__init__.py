"""Checks: rules over the loaded model, each a function that yields problems.

`frameworks.RULES` holds the framework rules and `assessments` the rules
for assessment files; adding a check is one function added to a rule list.
`CODES` is the one list of problem codes docgen reports (from loading and
from checking), each with what it means; `docgen check --output-format json`
and GitHub annotations carry them.
"""

from __future__ import annotations

from typing import Collection, Mapping, Sequence

from docgen.checks.assessments import validate_assessment
from docgen.checks.frameworks import validate, within_limits
from docgen.config import LIMITS, Config
from docgen.errors import Problem, Severity
from docgen.model import Assessment, Framework
from docgen.output import colliding_packets

CODES: dict[str, str] = {
    # the project's own templates
    "template-folder": "the configured template folder does not exist",
    "template-syntax": "a template Jinja cannot parse",
    # reading files
    "empty-file": "the file is empty",
    "not-utf8": "the file is not UTF-8 text",
    "no-front-matter": "a .md file without front matter is not a framework",
    "front-matter-unclosed": "the front matter's closing '---' is missing",
    "front-matter-not-mapping": "the front matter is not a mapping of keys",
    "yaml-syntax": "YAML that cannot be read",
    "yaml-too-deep": "YAML nested too deeply to read",
    "yaml-tab-after-dash": "a TAB after a list dash (loaded, as the original site did)",
    "yaml-unquoted-colon": "an unquoted ': ' inside a list item (the text is kept whole)",
    "too-deep": "Markdown lists nested deeper than docgen follows",
    "missing-path": "a file or folder given on the command line does not exist",
    "outside-link": "a link to a file outside the folder, which docgen does not read",
    "unknown-key": "a key docgen does not know",
    "not-text": "a value that must be text is not",
    "not-boolean": "a value that must be true or false is not",
    "no-title": "a framework without a title",
    # Markdown bodies
    "category-before-level": "a category heading before the first level",
    "content-outside-category": "content under a level but outside any category",
    "unexpected-heading": "a heading docgen does not expect at that depth",
    "level-missing": "a level heading without a number",
    "level-not-integer": "a level that is not a whole number",
    "level-negative": "a level number below 1",
    "bad-criterion-id": "an explicit criterion id of the wrong shape",
    "empty-criterion": "a criterion without text",
    # YAML topics
    "topics-missing": "yaml: true but no topics",
    "topics-ignored": "topics given while yaml: false",
    "topics-not-list": "topics is not a list",
    "topic-not-mapping": "a topic is not a mapping",
    "topic-unnamed": "a topic without a name",
    "duplicate-topic": "two topics with the same name",
    "content-not-list": "a topic's content is not a list",
    "content-not-mapping": "a content entry is not a mapping",
    "criteria-not-list": "criteria is not a list",
    "criterion-not-text": "a criterion that is not text",
    "examples-not-list": "examples is not a list",
    "example-criteria-shape": "an exampleCriteria entry of the wrong shape",
    # framework rules
    "levels-mismatch": "content above the declared number of levels",
    "duplicate-level": "the same level twice",
    "duplicate-framework": "two frameworks with the same id",
    "duplicate-path": "two frameworks with the same site path",
    "near-generic-topic": "a topic name close to, but not, a generic topic's",
    "empty-level": "a level without content",
    "empty-category": "a category without content",
    "repeats-generic": "generic criteria repeated word for word (shown once)",
    "repeated-criterion": "the same criterion twice in one category",
    "duplicate-criterion-id": "two criteria with the same id (the second gets -2)",
    # assessments
    "assessment-shape": "an assessment file of the wrong shape",
    "unknown-framework": "an assessment of a framework that does not exist",
    "no-such-level": "an assessment for a level the framework does not have",
    "unknown-criterion": "a rating of a criterion id the framework does not have",
    "rating-off-scale": "a rating that is not on the rating scale",
    "rated-twice": "the same criterion rated twice",
    "met-without-evidence": "a criterion rated as met without evidence",
    "other-level": "a rating of a criterion of another level",
    "target-not-above": "a target level that is not above the current level",
    "no-candidate-name": "an assessment without the candidate's name",
    # configuration
    "same-packet-folder": "two assessments whose packets would go to one folder",
    "file-too-large": "a file larger than [limits] file_bytes",
    "too-many-criteria": "a level with more criteria than [limits] criteria_per_level",
    "text-too-long": "a criterion, title or example longer than [limits] text_characters",
    "yaml-alias": "a YAML alias (*name) or merge key, which docgen does not read",
    "number-too-long": "a number of more digits than any setting needs",
    "unreadable-folder": "a folder docgen may not read",
    "no-frameworks": "a framework folder with no framework files",
    "control-character": "a control character, removed from the text",
    "key-not-shown": "a key real frameworks carry that docgen does not print",
    "body-levels-ignored": "'## Level N' in the body of a 'yaml: true' file",
    "framework-has-errors": "an assessment of a framework whose file has errors",
    "config": "a setting in docgen.toml (or on the command line) that is wrong",
}


def check_frameworks(frameworks: Sequence[Framework],
                     limits: Mapping[str, int] = LIMITS) -> list[Problem]:
    """Every problem the framework rules find, and every text past `limits`."""
    return validate(frameworks) + within_limits(frameworks, limits)


def check_assessments(assessments: Sequence[Assessment], frameworks: Sequence[Framework],
                      config: Config, broken: Collection[str] = ()) -> list[Problem]:
    """Every problem of each assessment; one of a framework in `broken` (ids of frameworks
    with errors) is only told that, once, not checked against what is left of it."""
    problems = []
    for assessment in assessments:
        if assessment.framework_id in broken:
            problems.append(Problem(assessment.framework_location, Severity.ERROR,
                                    f"framework '{assessment.framework_id}' has errors (see "
                                    "above), so this assessment cannot be checked against it",
                                    code="framework-has-errors"))
            continue
        problems += validate_assessment(assessment, frameworks, config.rating_scale,
                                        config.rating_met)
    return problems + same_packet_folder(assessments)


def same_packet_folder(assessments: Sequence[Assessment]) -> list[Problem]:
    """Two assessments whose packets would be written to one folder (same name, same file name)."""
    by_source = {a.source: a for a in assessments}
    return [Problem(by_source[later].location, Severity.ERROR,
                    f"this candidate's packets would overwrite those of {earlier} (same name, "
                    "same file name)", hint="rename one of the two files",
                    code="same-packet-folder")
            for earlier, later in colliding_packets([(a.source, a.candidate.name)
                                                     for a in assessments])]
