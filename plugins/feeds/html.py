"""Making every link and image inside a piece of HTML absolute, for feed readers."""

from __future__ import annotations

import re

from lxml import html as lxml_html

# lxml finds links only in attributes and style sheets: HTML with neither has none to resolve.
_MAY_LINK = re.compile(r"<[a-z][^\s/>]*[\s/]+[^\s/>]|<style", re.IGNORECASE)


def absolutise(html: str, base_url: str) -> str:
    """Return the HTML with every link (`href`, `src`, ...) resolved against `base_url`.

    lxml's own link rewriting knows every attribute that holds a URL. HTML without an
    attribute or a style sheet (most summaries) is returned as it is, unparsed.
    """
    if not html or not _MAY_LINK.search(html):
        return html
    fragment = lxml_html.fragment_fromstring(html, create_parent="div")
    fragment.make_links_absolute(base_url, resolve_base_href=False, handle_failures="ignore")
    inner = (fragment.text or "") + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in fragment
    )
    return inner
