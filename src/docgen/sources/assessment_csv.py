"""Ratings kept in a spreadsheet: a CSV file, one row per criterion.

Columns (header row, any order, case ignored): `criterion` (the criterion
id; also `criterion_id` or `id`), `self`, `manager`, `evidence` (one piece
per line of the cell), `links` (URLs separated by spaces or lines; paired
with the evidence in order, extra links become evidence of their own) and
`comments`.  Who and which levels come from the command line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator

from docgen.config import LIMITS
from docgen.errors import Location, SourceError
from docgen.sources.text import read_text, too_large
from docgen.model import Assessment, Evidence, Person, Rating

COLUMNS = {"criterion": "criterion", "criterion_id": "criterion", "id": "criterion",
           "self": "self", "manager": "manager", "evidence": "evidence", "links": "links",
           "link": "links", "comments": "comments", "comment": "comments"}


def read_ratings_csv(path: Path, display: str,
                     max_bytes: int = LIMITS["file_bytes"]) -> tuple[Rating, ...]:
    """The ratings in a CSV file; SourceError names the row and column of a problem."""
    refused = too_large(path, display, max_bytes)
    if refused:
        raise SourceError(refused.location, refused.message, refused.hint, refused.code)
    rows = _rows(read_text(path, display), display)
    first = next(rows, None)
    if first is None:
        raise SourceError(Location(display), "the CSV file is empty",
                          hint="the first row names the columns: criterion,self,manager,"
                               "evidence,links,comments")
    header = [COLUMNS.get(cell.strip().lower()) for cell in first]
    for column, (cell, name) in enumerate(zip(first, header), start=1):
        if name is None:
            raise SourceError(Location(display, 1, column), f"unknown column '{cell}'",
                              hint=f"known: {', '.join(sorted(set(COLUMNS.values())))}")
    if "criterion" not in header:
        raise SourceError(Location(display, 1, 1), "no 'criterion' column",
                          hint="the criterion ids go in a column named 'criterion'")
    ratings, seen = [], {}
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        criterion = cells.get("criterion", "")
        if not criterion:
            raise SourceError(Location(display, line, header.index("criterion") + 1),
                              "this row has no criterion id")
        if criterion in seen:
            raise SourceError(Location(display, line, 1),
                              f"criterion {criterion} is rated twice",
                              hint=f"the first is on line {seen[criterion]}", code="rated-twice")
        seen[criterion] = line
        at = {name: Location(display, line, header.index(name) + 1)
              for name in ("self", "manager") if name in header}
        ratings.append(Rating(criterion, Location(display, line, 1),
                              cells.get("self") or None, cells.get("manager") or None,
                              _evidence(cells.get("evidence", ""), cells.get("links", "")),
                              cells.get("comments", ""), at.get("self"), at.get("manager")))
    return tuple(ratings)


def _rows(text: str, display: str) -> Iterator:
    """The header row, then (line, row) for each row: one row at a time, not a list of all."""
    reader = csv.reader(io.StringIO(text))
    first, ended = True, 0
    try:
        for row in reader:
            yield row if first else (ended + 1, row)  # the line the row starts on
            first, ended = False, reader.line_num
    except csv.Error as exc:  # a cell over the size limit, a NUL character
        raise SourceError(Location(display, max(reader.line_num, 1), 1),
                          f"this CSV row cannot be read: {exc}",
                          hint="save the sheet again as CSV (UTF-8); keep each cell under "
                               "128 KB") from None


def assessment_from_csv(path: Path, display: str, *, framework_id: str, candidate: Person,
                        current_level: int, target_level: int,
                        max_bytes: int = LIMITS["file_bytes"]) -> Assessment:
    """An assessment made of a CSV file's ratings and the given case details."""
    where = Location(display)
    return Assessment(source=display, location=where, framework_id=framework_id,
                      candidate=candidate, current_level=current_level,
                      target_level=target_level, framework_location=where,
                      target_location=where, ratings=read_ratings_csv(path, display, max_bytes))


def _evidence(texts: str, links: str) -> tuple[Evidence, ...]:
    pieces = [t.strip() for t in texts.splitlines() if t.strip()]
    urls = links.split()
    paired = [Evidence(text, urls[i] if i < len(urls) else "") for i, text in enumerate(pieces)]
    return tuple(paired + [Evidence(url, url) for url in urls[len(pieces):]])
