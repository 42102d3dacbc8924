"""The HTML of stories and pages, parsed once for what the build reads in it once written:
the links the link check follows, and the text with every link absolute that feeds carry."""

from __future__ import annotations

import re

from lxml import html as lxml_html

# lxml finds links only in attributes and style sheets: HTML with neither has none to resolve.
_MAY_LINK = re.compile(r"<[a-z][^\s/>]*[\s/]+[^\s/>]|<style", re.IGNORECASE)
# The links the link check follows: pages (`a href`) and images (`img src`).
CHECKED = (("a", "href"), ("img", "src"))


class StoryHtml:
    """Each piece of HTML a build reads, parsed at most once: the feeds make its links
    absolute, and the link check then takes the links that parse found.

    The links are kept by the HTML itself (the text Pelican made once for each story), so
    whichever asks first parses it.
    """

    def __init__(self) -> None:
        self._links: dict[str, tuple[str, ...]] = {}

    def links(self, html: str) -> tuple[str, ...]:
        """Every link (`a href`) and image (`img src`) address in a piece of HTML."""
        if html not in self._links:
            self._links[html] = _checked_links(_parse(html)) if _MAY_LINK.search(html) else ()
        return self._links[html]

    def absolutise(self, html: str, base_url: str) -> str:
        """Return the HTML with every link (`href`, `src`, ...) resolved against `base_url`.

        lxml's own link rewriting knows every attribute that holds a URL. HTML without an
        attribute or a style sheet (most summaries) is returned as it is, unparsed.
        """
        if not _MAY_LINK.search(html):
            self._links[html] = ()
            return html
        fragment = _parse(html)
        self._links.setdefault(html, _checked_links(fragment))
        fragment.make_links_absolute(base_url, resolve_base_href=False, handle_failures="ignore")
        return (fragment.text or "") + "".join(
            lxml_html.tostring(child, encoding="unicode") for child in fragment
        )


def _parse(html: str) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(html, create_parent="div")


def _checked_links(fragment: lxml_html.HtmlElement) -> tuple[str, ...]:
    return tuple(
        str(link)
        for element, attribute, link, _ in fragment.iterlinks()
        if (element.tag, attribute) in CHECKED
    )
