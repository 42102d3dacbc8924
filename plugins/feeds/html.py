"""Making every link and image inside a piece of HTML absolute, for feed readers."""

from __future__ import annotations

from urllib.parse import urljoin

from bs4 import BeautifulSoup

URL_ATTRIBUTES = ("href", "src", "poster", "cite", "longdesc")


def absolutise(html: str, base_url: str) -> str:
    """Return the HTML with every URL attribute (and `srcset`) resolved against `base_url`."""
    if not html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        for attribute in URL_ATTRIBUTES:
            value = element.get(attribute)
            if isinstance(value, str):
                element[attribute] = urljoin(base_url, value.strip())
        srcset = element.get("srcset")
        if isinstance(srcset, str):
            element["srcset"] = ", ".join(
                _absolute_candidate(candidate, base_url) for candidate in srcset.split(",")
            )
    return str(soup)


def _absolute_candidate(candidate: str, base_url: str) -> str:
    url, _, descriptor = candidate.strip().partition(" ")
    return f"{urljoin(base_url, url)} {descriptor}".strip()
