"""Making every link and image inside a piece of HTML absolute, for feed readers."""

from __future__ import annotations

from lxml import html as lxml_html


def absolutise(html: str, base_url: str) -> str:
    """Return the HTML with every link (`href`, `src`, `srcset`, ...) resolved against `base_url`.

    lxml's own link rewriting knows every attribute that holds a URL.
    """
    if not html or not html.strip():
        return html
    fragment = lxml_html.fragment_fromstring(html, create_parent="div")
    fragment.make_links_absolute(base_url, resolve_base_href=False, handle_failures="ignore")
    inner = (fragment.text or "") + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in fragment
    )
    return inner
