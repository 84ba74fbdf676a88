"""The model as plain JSON data (`docgen export`), matching `schemas/export.schema.json`."""

from __future__ import annotations

from typing import Any, Iterable

from docgen import __version__
from docgen.errors import Location
from docgen.schemas import schema_id
from docgen.model import Category, Criterion, Detail, Framework, Level, Prose

SCHEMA_ID = schema_id("export")


def export_document(frameworks: Iterable[Framework]) -> dict[str, Any]:
    """Every framework as JSON-ready data, with the docgen version and schema id."""
    return {
        "$schema": SCHEMA_ID,
        "docgen_version": __version__,
        "frameworks": [framework_data(fw) for fw in frameworks],
    }


def framework_data(fw: Framework) -> dict[str, Any]:
    """One framework as JSON-ready data."""
    return {
        "id": fw.id,
        "path": fw.path,
        "title": fw.title,
        "short_title": fw.short_title,
        "group": fw.group,
        "format": fw.format,
        "subtitle": fw.subtitle,
        "declared_levels": fw.declared_levels,
        "introduction": fw.introduction,
        "source": fw.source,
        "levels": [_level(level) for level in fw.levels],
    }


def _level(level: Level) -> dict[str, Any]:
    return {
        "number": level.number,
        "name": level.name,
        "location": _location(level.location),
        "categories": [_category(c) for c in level.categories],
    }


def _category(category: Category) -> dict[str, Any]:
    return {
        "key": category.key,
        "title": category.title,
        "description": category.description,
        "inherited": category.inherited,
        "location": _location(category.location),
        "content": [_prose(p) for p in category.content],
        "criteria": [_criterion(c) for c in category.criteria],
    }


def _criterion(criterion: Criterion) -> dict[str, Any]:
    return {
        "id": criterion.id,
        "explicit_id": criterion.explicit_id is not None,
        "text": criterion.text,
        "inherited": criterion.inherited,
        "details": [_detail(d) for d in criterion.details],
        "examples": list(criterion.examples),
        "quotes": list(criterion.quotes),
        "location": _location(criterion.location),
    }


def _detail(detail: Detail) -> dict[str, Any]:
    return {"text": detail.text, "details": [_detail(d) for d in detail.details]}


def _prose(prose: Prose) -> dict[str, Any]:
    return {"text": prose.text, "location": _location(prose.location)}


def _location(location: Location) -> dict[str, Any]:
    return {"file": location.path, "line": location.line, "column": location.column}
