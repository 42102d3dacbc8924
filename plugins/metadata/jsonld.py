"""schema.org `NewsArticle` data of a story, for JSON-LD."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from plugins.bilingual.translations import last_change
from plugins.common.site import absolute


def original_version(versions: Sequence[Any], default_language: str) -> Any:
    """Return the version the others translate: the default language's, else the first out."""
    for version in versions:
        if version.lang == default_language:
            return version
    return min(versions, key=lambda version: (version.date, version.lang))


def plain_text(html: str) -> str:
    """Return the text of a piece of HTML, whitespace folded: the same text as the page's
    `description` and `og:description`, which Jinja's `striptags` makes."""
    return str(Markup(html).striptags())


def news_article(
    article: Any,
    *,
    base: str,
    publisher: dict[str, Any],
    default_language: str,
    copyright_notice: str | None = None,
) -> dict[str, Any]:
    """Describe a story as a schema.org `NewsArticle`, every URL absolute.

    The version in the default language (or, without one, the first published) is the
    original: it lists the others as `workTranslation`; they name it as
    `translationOfWork`.
    """
    data = _work(article, "NewsArticle", base, publisher, default_language)
    data["headline"] = str(article.title)
    summary = plain_text(str(article.summary or ""))
    if summary:
        data["description"] = summary
    location = article.metadata.get("location")
    if location:
        data["dateline"] = str(location)
    category = getattr(article, "category", None)
    if category is not None:
        data["articleSection"] = category.name
    tags = [tag.name for tag in getattr(article, "tags", ())]
    if tags:
        data["keywords"] = tags
    image = article.metadata.get("image")
    if image:
        picture = {"@type": "ImageObject", "url": absolute(base, str(image))}
        for key, field in (
            ("image-caption", "caption"),
            ("image-credit", "creditText"),
            ("image-license", "license"),
        ):
            if article.metadata.get(key):
                picture[field] = str(article.metadata[key])
        if copyright_notice:
            picture["copyrightNotice"] = copyright_notice
        data["image"] = picture
    speakers = [speaker.person(base) for speaker in getattr(article, "speakers", ())]
    if speakers:
        data["mentions"] = speakers
    corrections = getattr(article, "corrections", ())
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "datePublished": correction.date.isoformat(),
                "text": correction.text,
            }
            for correction in corrections
        ]
    return data


def publisher(
    name: str, home: str, logo: str | None, corrections_policy: str | None = None
) -> dict[str, Any]:
    """Return the schema.org `Organization` that publishes the site."""
    organisation: dict[str, Any] = {"@type": "Organization", "name": name, "url": home}
    if logo:
        organisation["logo"] = {"@type": "ImageObject", "url": logo}
    if corrections_policy:
        organisation["correctionsPolicy"] = corrections_policy
    return organisation


def creative_work(
    item: Any,
    *,
    schema_type: str,
    base: str,
    publisher: dict[str, Any],
    default_language: str,
) -> dict[str, Any]:
    """Describe a publication as a schema.org `Report` or `CreativeWork` with its document."""
    data = _work(item, schema_type, base, publisher, default_language)
    data["name"] = str(item.title)
    data["genre"] = item.type_name
    abstract = plain_text(str(item.summary or ""))
    if abstract:
        data["abstract"] = abstract
    if getattr(item, "cover", None):
        data["image"] = absolute(base, item.cover)
    document = getattr(item, "document", None)
    if document is not None:
        data["encoding"] = {
            "@type": "MediaObject",
            "contentUrl": absolute(base, document.url),
            "encodingFormat": document.media_type,
            "contentSize": f"{document.size} B",
            "inLanguage": document.lang,
        }
    return data


def _work(
    item: Any, schema_type: str, base: str, publisher: dict[str, Any], default_language: str
) -> dict[str, Any]:
    """What every work says: its type, address, language, dates, author and publisher,
    and how its language versions relate (the original lists the translations; each
    translation names the original)."""
    data: dict[str, Any] = {"@context": "https://schema.org", **_reference(item, schema_type, base)}
    data["mainEntityOfPage"] = data["url"]
    data["datePublished"] = item.date.isoformat()
    data["dateModified"] = last_change(item).isoformat()
    data["author"] = publisher
    data["publisher"] = publisher
    translations = list(getattr(item, "translations", ()))
    if translations:
        original = original_version([item, *translations], default_language)
        if original is item:
            data["workTranslation"] = [_reference(t, schema_type, base) for t in translations]
        else:
            data["translationOfWork"] = _reference(original, schema_type, base)
    return data


def _reference(item: Any, schema_type: str, base: str) -> dict[str, str]:
    url = absolute(base, item.url)
    return {"@type": schema_type, "@id": url, "url": url, "inLanguage": item.lang}
