"""Hostile text in every output: nothing read, fetched, run or written where it should not be.

One project holds every attack we know of, in a Markdown framework, a YAML
framework and an assessment; `docgen build` makes the handbook (PDF and
HTML), the cards, the case templates and the packet (PDF and DOCX) from it,
and each test reads every one of those back.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pypdf
import pytest
from conftest import counting_server, handbook, packet_files, pdf_pages_text, squash
from lxml import etree

from docgen import api
from docgen.errors import DocgenError
from docgen.engines.fetcher import RefusedURL, SafeFetcher
from docgen.engines.templating import SearchPath

SECRET = "TOP-SECRET-7f3a9c"
NASTY_FILE_NAME = "Ünï <b>{{ 7*7 }} & ..%2f..%2fco \\ \x1b[31m.md"
INJECTED_XML = "</w:t></w:r></w:p><w:p><w:r><w:t>INJECTED"


def attacks(secret: Path, port: int) -> list[str]:
    """One line of text per way in that we know of."""
    web = f"http://127.0.0.1:{port}"
    return [
        f"Image ![x](file://{secret}) and ![y]({web}/img.png) and ![z](../../secret.txt)",
        f'Tag <img src="{web}/tag.png"> <img src="file://{secret}"> <iframe src="{web}/f">',
        f'Attach <link rel="attachment" href="file://{secret}"> <link rel="stylesheet" href="{web}/s.css">',
        f'Style <style>@import url("{web}/css"); body {{ background: url("file://{secret}") }}</style>',
        f'Inline style <span style="background: url({web}/inline.png)">x</span> url({web}/bare)',
        "Script <script>document.write('pwned')</script> <a href=\"javascript:alert(1)\">js</a>",
        f"Jinja {{{{ 7*7 }}}} {{% include '{secret}' %}} {{{{ self.__init__.__globals__ }}}}",
        f"Links [file](file://{secret}) [web]({web}/link) [js](javascript:alert(1)) "
        f"[data](data:text/html,<b>x</b>) [up](../../../etc/passwd) <{web}/auto>",
        f"Word XML {INJECTED_XML} <![CDATA[x]]> &amp; &#0; ]]>",
    ]


def markdown_framework(lines: list[str]) -> str:
    items = "\n".join(f"- {line}" for line in lines)
    return f"""---
title: "Evil <script>alert(1)</script> {{{{ 7*7 }}}}"
sidebarTitle: "Evil {{{{ 7*7 }}}}"
path: "../../../../tmp/escaped-by-path"
yaml: false
---
Intro {lines[0]}

## Level 1
### Attacks <b>bold</b> {{{{ 7*7 }}}}
{items}
  - Detail {lines[1]}

> **Examples**
> - Example {lines[2]}

> *"Quote {lines[3]}"*

## Level 2
### Attacks <b>bold</b> {{{{ 7*7 }}}}
{items}
"""


def yaml_framework(lines: list[str]) -> str:
    criteria = "\n".join(f"          - {json.dumps(line)}" for line in lines)
    examples = "\n".join(f"              - {json.dumps(line)}" for line in lines)
    return f"""---
title: "YAML {{{{ 7*7 }}}} <script>x</script>"
path: "/../../../tmp/escaped-by-yaml-path"
yaml: true
levels: 2
topics:
  - name: "Topic <b>{{{{ 7*7 }}}}</b>"
    title: "Topic {{% raw %}}"
    content:
      - level: 1
        criteria:
{criteria}
      - level: 2
        criteria:
{criteria}
        exampleCriteria:
          - criteria: {json.dumps(lines[4])}
            examples:
{examples}
---
"""


def assessment(lines: list[str]) -> str:
    evidence = "\n".join(f"      - text: {json.dumps(line)}\n        url: {json.dumps(url)}" for line, url in zip(
        lines, ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,x",
                "../../../etc/passwd", "http://127.0.0.1:9/evidence", "https://example.com/ok"]))
    return f"""framework: evil
candidate:
  name: "../../../../tmp/escaped-by-name {INJECTED_XML}"
  role: "{{{{ 7*7 }}}} <script>x</script>"
  team: "{{% include '/etc/passwd' %}}"
current_level: 1
target_level: 2
summary: {json.dumps(lines[6])}
ratings:
  l2.attacks-b-bold-b.image-x-y-z:
    self: consistently
    manager: exceeds
    comments: {json.dumps(lines[8])}
    evidence:
{evidence}
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile project built by `docgen build`: (root, secret, hits of the loopback server)."""
    base = tmp_path_factory.mktemp("hostile")
    secret = base / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    root = base / "project"
    (root / "framework").mkdir(parents=True)
    (root / "assessments").mkdir()
    with counting_server() as (port, hits):
        lines = attacks(secret, port)
        (root / "framework" / "evil.md").write_text(markdown_framework(lines), encoding="utf-8")
        (root / "framework" / "yaml-evil.md").write_text(yaml_framework(lines), encoding="utf-8")
        (root / "assessments" / "evil.yaml").write_text(assessment(lines), encoding="utf-8")
        (root / "framework" / NASTY_FILE_NAME).write_text(
            "---\ntitle: Named\nyaml: false\n---\n## Level 1\n### A\n- One\n", encoding="utf-8")
        (root / "docgen.toml").write_text('card = "A7"\n', encoding="utf-8")
        result = api.build(api.open_project(root), jobs=1)
        yield root, secret, hits, result


def artifacts(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root / "out").as_posix(): p.read_bytes()
            for p in sorted((root / "out").rglob("*")) if p.is_file() and ".docgen" not in p.parts}


def document_text(name: str, data: bytes) -> str:
    """All the text a reader of the document sees, whitespace folded."""
    if name.endswith(".pdf"):
        return squash(" ".join(pdf_pages_text(data)))
    if name.endswith(".docx"):
        body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
        ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
        return squash(" ".join("".join(p.xpath(".//w:t/text()", namespaces=ns))
                               for p in body.iterfind(".//w:p", ns)))
    return data.decode("utf-8")


def links(name: str, data: bytes) -> list[str]:
    """Every link target the document holds."""
    if name.endswith(".pdf"):
        found = []
        for page in pypdf.PdfReader(io.BytesIO(data)).pages:
            for annotation in page.get("/Annots", []) or []:
                action = annotation.get_object().get("/A", {})
                found += [str(action[key]) for key in ("/URI", "/F") if key in action]
        return found
    if name.endswith(".docx"):
        rels = zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels").decode()
        return re.findall(r'Target="([^"]*)"[^>]*TargetMode="External"', rels)
    return re.findall(r'(?:href|src)="([^"#][^"]*)"', data.decode("utf-8"))


def test_the_build_makes_every_kind_of_document(hostile):
    root, _, _, result = hostile
    names = set(artifacts(root))
    assert {"handbook.pdf", "handbook.html", "cards/evil.pdf", "cards/yaml-evil.pdf",
            "case-templates/evil-L1.docx", "packets/tmp-escaped-by-name-w-t-w-r-w-p-w-p-w-r-w-t-injected/"
            "promotion-case.docx"} <= names, names
    assert len(result.written) == len(names) - 1  # everything but the manifest
    assert all(re.fullmatch(r"[a-z0-9][A-Za-z0-9./_-]*", name) for name in names), names


def test_nothing_is_written_outside_out(hostile):
    root, secret, _, _ = hostile
    written = {p for p in secret.parent.rglob("*") if p.is_file() and root / "out" not in p.parents}
    assert written == {secret, root / "docgen.toml", root / "framework" / NASTY_FILE_NAME,
                       root / "framework" / "evil.md",
                       root / "framework" / "yaml-evil.md", root / "assessments" / "evil.yaml"}
    assert not list(Path("/tmp").glob("escaped-by-*"))


def test_no_document_holds_a_file_it_was_pointed_at(hostile):
    root, _, _, _ = hostile
    for name, data in artifacts(root).items():
        assert SECRET.encode() not in data, name
        assert SECRET not in document_text(name, data), name


def test_no_request_was_made(hostile):
    _, _, hits, _ = hostile
    assert hits == []


def test_jinja_and_html_in_data_are_printed_not_run(hostile):
    root, _, _, _ = hostile
    for name, data in artifacts(root).items():
        if name.endswith(".json") or name.startswith(("cards/uni", "case-templates/uni")):
            continue  # the manifest, and the documents of the framework with only a bad name
        text = document_text(name, data)
        if name.endswith(".html"):
            assert "<script" not in text and "<img" not in text and "<iframe" not in text, name
            assert "<link" not in text and text.count("<style") == 1, name
            assert "&lt;script&gt;" in text and "{{ 7*7 }}" in text
            continue
        assert "{{ 7*7 }}" in text, name
        if "case-templates" not in name:  # a blank case holds criteria, not the candidate
            assert "<script>" in text, name


def test_only_web_links_are_links(hostile):
    root, _, _, _ = hostile
    for name, data in artifacts(root).items():
        if name.endswith(".json"):
            continue
        targets = links(name, data)
        for target in targets:
            assert re.match(r"(https?:|mailto:)", target), (name, target)
        if "packets/" in name:  # the one good evidence link is kept
            assert "https://example.com/ok" in targets, name


def test_word_xml_in_data_stays_text(hostile):
    root, _, _, _ = hostile
    for name, data in artifacts(root).items():
        if name.endswith(".docx"):
            document = docx.Document(io.BytesIO(data))  # the XML still parses
            text = document_text(name, data)
            assert "INJECTED" not in [p.text for p in document.paragraphs], name
            if "packets" in name:
                assert INJECTED_XML in text


def packet_from_word_template(root: Path, folder: Path, paragraph: str) -> bytes:
    """The project's one packet, filled into a Word template of one paragraph."""
    template = folder / "brand.docx"
    document = docx.Document()
    document.add_paragraph(paragraph)
    document.save(template)
    project = api.open_project(root)
    catalog = api.load_clean_catalog(project)
    (case,) = catalog.assessments
    framework = catalog.framework(case.framework_id)
    return packet_files(project, framework, case, ("docx",), docx_template=template)["docx"].data


def test_own_word_template_does_not_run_jinja_from_data(hostile, tmp_path):
    root, _, _, _ = hostile
    out = packet_from_word_template(
        root, tmp_path, "Case of {{ candidate.name }}, {{ candidate.role }}, {{ summary }}")
    text = document_text("x.docx", out)
    assert "{{ 7*7 }} <script>x</script>" in text and INJECTED_XML in text
    assert "49" not in text


def test_the_fetcher_serves_only_the_template_folders():
    search = SearchPath.with_user_folders()
    fetcher = SafeFetcher(search)
    font = (search.default / "static/fonts/Inter-Regular.otf").as_uri()
    assert fetcher.fetch(font).read()[:4] == b"OTTO"
    for url in ["file:///etc/passwd", "http://127.0.0.1:9/", "https://example.com/x.css",
                (search.default / "../pyproject.toml").as_uri(), "ftp://x/y",
                "file://host/etc/passwd"]:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 6


def test_a_user_folder_replaces_a_default_asset(tmp_path):
    (tmp_path / "static" / "fonts").mkdir(parents=True)
    (tmp_path / "static" / "fonts" / "Inter-Regular.otf").write_bytes(b"mine")
    search = SearchPath.with_user_folders([tmp_path])
    fetcher = SafeFetcher(search)
    assert fetcher.fetch((search.default / "static/fonts/Inter-Regular.otf").as_uri()).read() \
        == b"mine"


def test_no_pdf_carries_an_attachment(hostile):
    root, _, _, _ = hostile
    for name, data in artifacts(root).items():
        if name.endswith(".pdf"):
            catalog = pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]
            assert "/EmbeddedFiles" not in catalog.get("/Names", {}), name
            assert b"/EmbeddedFile" not in data and b"/FileAttachment" not in data, name


def test_a_link_to_a_file_outside_the_project_is_not_read(tmp_path, run):
    secret = tmp_path / "secret.md"
    secret.write_text(f"---\ntitle: {SECRET}\nyaml: false\n---\n## Level 1\n### A\n- {SECRET}\n",
                      encoding="utf-8")
    root = tmp_path / "project"
    (root / "framework").mkdir(parents=True)
    (root / "assessments").mkdir()
    (root / "framework" / "leak.md").symlink_to(secret)
    (root / "assessments" / "leak.yaml").symlink_to(secret)
    result = run(["check"], cwd=root)
    assert result.exit_code == 1
    assert f"framework/leak.md:1:1: error: this file is a link to {secret}, outside framework; " \
           "docgen does not read it" in result.output
    assert "assessments/leak.yaml:1:1: error: this file is a link" in result.output
    assert SECRET not in result.output


def test_a_template_cannot_reach_python_internals(project_dir, run, tmp_path):
    mine = project_dir / "mytemplates" / "handbook"
    mine.mkdir(parents=True)
    marker = tmp_path / "pwned"
    (mine / "handbook.html").write_text(
        "{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}",
        encoding="utf-8")
    result = run(["handbook", "--templates", "mytemplates"])
    assert result.exit_code == 1
    assert "template 'handbook/handbook.html': access to attribute '__init__' of 'type' object " \
           "is unsafe" in result.output
    assert not marker.exists()


def test_a_word_template_cannot_reach_python_internals(project_dir, tmp_path):
    with pytest.raises(DocgenError, match=r"brand\.docx: the Word template cannot be filled in: "
                                          r"SecurityError: .*unsafe"):
        packet_from_word_template(project_dir, tmp_path, "{{ candidate.__init__.__globals__ }}")


def test_a_colour_cannot_carry_css(project_dir, run):
    (project_dir / "docgen.toml").write_text(
        '[colours]\nmastery = "#123456; background: url(http://127.0.0.1:9/x)"\n', encoding="utf-8")
    result = run(["cards"])
    assert result.exit_code == 1
    assert "docgen.toml:2:1: error: colour of 'mastery' must be" in result.output


def test_an_svg_logo_cannot_reach_files_or_the_network(project_dir, loopback, tmp_path):
    port, hits = loopback
    secret = tmp_path / "secret.png"
    secret.write_bytes(SECRET.encode())
    (project_dir / "logo.svg").write_text(f"""<svg xmlns="http://www.w3.org/2000/svg"
        xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">
      <image href="file://{secret}" width="10" height="10"/>
      <image xlink:href="http://127.0.0.1:{port}/logo.png" width="10" height="10"/>
      <style>@import url("http://127.0.0.1:{port}/logo.css");</style>
      <rect width="40" height="20" fill="#123456"/></svg>""", encoding="utf-8")
    (project_dir / "docgen.toml").write_text('logo = "logo.svg"\n', encoding="utf-8")
    project = api.open_project(project_dir)
    document = handbook(project, api.load_clean_catalog(project))
    assert SECRET.encode() not in document.data
    assert hits == []
    with pdfplumber.open(io.BytesIO(document.data)) as pdf:  # the logo itself is drawn
        assert (0.070588, 0.203922, 0.337255) in [r["non_stroking_color"] for r in pdf.pages[0].rects]


@pytest.mark.parametrize("paragraph, named, meant", [
    ("Case of {{ candidate.nmae }}", "nmae", "name"),
    ("{{ candiate.name }}", "candiate", "candidate"),
    ("{% for s in sections %}{{ s.titel }}{% endfor %}", "titel", "title"),
])
def test_a_misspelt_variable_in_a_word_template_is_an_error(project_dir, tmp_path, paragraph,
                                                             named, meant):
    with pytest.raises(DocgenError) as caught:
        packet_from_word_template(project_dir, tmp_path, paragraph)
    message = str(caught.value)
    assert "brand.docx" in message and f"'{named}'" in message
    assert f"did you mean '{meant}'?" in message


@pytest.mark.parametrize("paragraph", ["{{ lipsum.__globals__ }}", "{{ candidate|attr('__class__') }}"])
def test_what_the_sandbox_refuses_is_an_error_not_an_empty_string(project_dir, tmp_path,
                                                                  paragraph):
    with pytest.raises(DocgenError, match=r"brand\.docx: the Word template"):
        packet_from_word_template(project_dir, tmp_path, paragraph)
