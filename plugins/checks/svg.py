"""Whether an SVG file is a plain drawing, safe to publish on the site's own address.

An SVG opened on its own is a document of the site: a script in it runs with the site's
rights. The drawings of a press release need no scripts, no embedded HTML and no other
files, so an SVG with any of them is refused rather than cleaned. It is parsed with lxml
without loading anything: no DTD, no entities, no network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

# Elements that run a script or embed a document of another kind.
SCRIPT_ELEMENTS = frozenset({"script", "handler"})
EMBEDDING_ELEMENTS = frozenset({"foreignobject", "iframe", "embed", "object"})
# `url(` to anything but a fragment of the drawing itself, and CSS imports.
_OUTSIDE_URL = re.compile(r"url\(\s*(?!['\"]?\s*#)|@import", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"(?:java|vb)script:", re.IGNORECASE)
# Characters browsers ignore inside a URL's scheme (`java\tscript:`).
_IGNORED = re.compile(r"[\x00-\x20]+")
FIX = (
    "save it again as a plain drawing (no scripts, links, embedded content or other files), "
    "or use a PNG or JPEG"
)


@dataclass(frozen=True)
class SvgProblem:
    """Why an SVG is refused, and the line it was found at."""

    line: int
    problem: str
    fix: str = FIX


def svg_problem(data: bytes) -> SvgProblem | None:
    """What makes an SVG unsafe to publish, if anything: the first problem found."""
    if b"<!ENTITY" in data:
        line = data[: data.index(b"<!ENTITY")].count(b"\n") + 1
        return SvgProblem(line, "the SVG declares entities (<!ENTITY>)")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        reason = str(error.msg or error).splitlines()[0]
        return SvgProblem(error.lineno or 1, f"the SVG is not well-formed XML ({reason})")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        return SvgProblem(1, "the SVG declares entities (<!ENTITY>)")
    # Processing instructions before the root element (a stylesheet), then every node.
    for element in [*root.itersiblings(preceding=True), *root.iter()]:
        problem = _element_problem(element)
        if problem:
            return SvgProblem(element.sourceline or 1, problem)
    return None


def _element_problem(element: Any) -> str | None:
    """What is unsafe in one node of the drawing: its kind, its attributes, its style."""
    if element.tag is etree.PI:
        if str(element.target).lower() == "xml-stylesheet":
            return "the SVG refers to another file (<?xml-stylesheet?>)"
        return None
    if not isinstance(element.tag, str):  # a comment or an entity reference
        return None
    name = etree.QName(element).localname.lower()
    if name in SCRIPT_ELEMENTS:
        return f"the SVG carries a script (<{etree.QName(element).localname}>)"
    if name in EMBEDDING_ELEMENTS:
        return f"the SVG embeds other content (<{etree.QName(element).localname}>)"
    if name == "style" and _OUTSIDE_URL.search(element.text or ""):
        return "the SVG refers to another file (in its <style>)"
    for key, value in element.attrib.items():
        attribute = etree.QName(key).localname
        lowered = attribute.lower()
        if lowered.startswith("on"):
            return f"the SVG carries a script (the {attribute} attribute)"
        script = _SCRIPT_URL.search(_IGNORED.sub("", value))
        if script:
            return f"the SVG carries a script (a {script[0].lower()} address)"
        if lowered == "attributename" and value.strip().lower().split(":")[-1] == "href":
            return "the SVG refers to another file (an animated href)"
        if lowered == "href" and not value.strip().startswith("#"):
            return f'the SVG refers to another file ({attribute}="{value.strip()[:60]}")'
        if _OUTSIDE_URL.search(value):
            return f"the SVG refers to another file (in its {attribute} attribute)"
    return None
