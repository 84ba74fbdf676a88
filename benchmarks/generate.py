"""Generated assessments for benchmarks: deterministic ratings and evidence for one level."""

from __future__ import annotations

import random
from pathlib import Path

from docgen import api


def generate(folder: Path, count: int, root: Path, framework_id: str = "engineering/backend",
             level: int = 3, config: Path | None = None) -> list[Path]:
    """`count` assessment files for `framework_id` Level `level` of the project at `root`."""
    project = api.open_project(root, config)
    framework = api.load_clean_catalog(project).framework(framework_id)
    scale = project.config.rating_scale
    rng = random.Random(7)
    files = []
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        lines = [f"framework: {framework_id}", f'candidate: {{name: "Candidate {index:03d}", '
                 'role: Engineer, team: Payments}', f"current_level: {level - 1}",
                 f"target_level: {level}", 'period: "2026 H2"',
                 "assessors: [{name: Grace Hopper, role: Manager}]",
                 'summary: "I led the ledger migration and mentor two engineers."', "ratings:"]
        for criterion in framework.level(level).criteria():
            lines += [f"  {criterion.id}:", f'    self: "{rng.choice(scale)}"',
                      f'    manager: "{rng.choice(scale)}"',
                      "    evidence:", f'      - {{text: "Change {rng.randint(1, 999)}", '
                      f'url: "https://example.com/pr/{rng.randint(1, 9999)}"}}',
                      '      - "Feedback from the quarterly review"',
                      '    comments: "Seen often this half."']
        path = folder / f"candidate-{index:03d}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(path)
    return files


WORDS = ("designs reviews deploys mentors ledger service latency incident migrates schema queue "
         "tests owns plans explains measures improves documents").split()


def synthetic_framework(levels: int, categories: int, per_category: int, words: int = 12,
                        title: str = "🧱 Synthetic") -> str:
    """A Markdown-body framework of `levels` × `categories` × `per_category` criteria.

    Each criterion ends in its own `level-category-index` tag, so a test can
    look for every one of them in an output.
    """
    rng = random.Random(11)
    out = [f'---\ntitle: "{title}"\nsidebarGroup: "synthetic"\nyaml: false\n---\nSynthetic.\n']
    for level in range(1, levels + 1):
        out.append(f"\n## Level {level}\n")
        for category in range(categories):
            out.append(f"### Category {category}\n")
            out += [" ".join(["-", *rng.choices(WORDS, k=words), f"c{level}-{category}-{index}\n"])
                    for index in range(per_category)]
    return "".join(out)
