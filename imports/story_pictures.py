"""The pictures of imported stories: the featured image, pictures in the body, galleries.

Run after every post and attachment of the export is stored, one story at a time, each in
its own transaction: a picture that fails the upload checks, or is missing from the uploads
folder, is left out of its story and reported, and the story keeps everything else. Without
``--media-dir`` nothing is done and the stories keep waiting for their pictures, which a
later run with the folder brings in.
"""

import re

from django.db import DatabaseError, transaction
from django.utils.html import format_html

from articles.models import Article
from imports.bodies import GALLERY, IMAGE, attributes
from imports.models import ImportedItem
from imports.pictures import (
    MediaFolder,
    PictureRefused,
    body_image,
    is_upload,
    store_in_body,
    store_on_story,
)

# A gallery kept as its shortcode in a paragraph of its own (imports/bodies.py).
GALLERY_PARAGRAPH = re.compile(r"(?:<p>)?" + GALLERY.pattern + r"(?:</p>)?")
EMPTY_FIGURE = re.compile(r"<figure>\s*(?:<figcaption>.*?</figcaption>)?\s*</figure>", re.DOTALL)
BATCH = 100


def add_pictures(importer) -> None:
    """Bring in the pictures of every imported story still waiting for them."""
    report = importer.report
    waiting = ImportedItem.objects.filter(
        kind=ImportedItem.Kind.POST, pictures_pending=True, article__isnull=False
    ).order_by("pk")
    if importer.media.root is None:
        for _ in range(waiting.count()):
            report.skipped("pictures", "no --media-dir was given: the story's pictures wait")
        return
    last = 0
    while rows := list(waiting.filter(pk__gt=last)[:BATCH]):
        for row in rows:
            last = row.pk
            StoryPictures(importer.media, report, row, store=not importer.options.dry_run).add()


class StoryPictures:
    """The pictures of one story."""

    def __init__(self, media: MediaFolder, report, row: ImportedItem, *, store: bool):
        self.media, self.report, self.row, self.store = media, report, row, store

    def add(self) -> None:
        try:
            with transaction.atomic():
                article = Article.objects.select_for_update().get(pk=self.row.article_id)
                body = GALLERY_PARAGRAPH.sub(self._gallery, article.body)
                body = IMAGE.sub(self._body_image, body)
                article.body = EMPTY_FIGURE.sub("", body)
                self._featured(article)
                if not self.store:
                    return
                article.save()
                self.row.pictures_pending = False
                self.row.save(update_fields=["pictures_pending"])
        except (DatabaseError, OSError) as error:
            self.report.skipped("pictures", f"could not be stored ({error})", guid=self.row.key)

    def _stored(self, reference: str, alt: str) -> str:
        """The ``<img>`` of a body picture, or "" (reported) if it cannot be imported."""
        try:
            path = self.media.checked(reference)
        except PictureRefused as refusal:
            self.report.skipped("pictures", str(refusal), guid=self.row.key)
            return ""
        self.report.created("pictures")
        if not self.store:
            return ""
        return body_image(store_in_body(path), alt)

    def _body_image(self, match: re.Match) -> str:
        found = attributes(match[0])
        if not is_upload(found.get("src", "")):
            return match[0]
        return self._stored(found["src"], found.get("alt", ""))

    def _gallery(self, match: re.Match) -> str:
        ids = [pk for pk in re.split(r"[,\s]+", attributes(match["attrs"]).get("ids", "")) if pk]
        attachments = ImportedItem.objects.filter(kind=ImportedItem.Kind.ATTACHMENT)
        if ids:
            rows = attachments.filter(wp_id__in=[int(pk) for pk in ids if pk.isdigit()])
            rows = sorted(rows, key=lambda row: ids.index(str(row.wp_id)))
        else:
            rows = list(attachments.filter(parent_wp_id=self.row.wp_id).order_by("wp_id"))
        figures = []
        for attachment in rows:
            image = self._stored(attachment.data["file"], attachment.data.get("alt", ""))
            if image:
                caption = attachment.data.get("caption", "")
                figcaption = format_html("<figcaption>{}</figcaption>", caption) if caption else ""
                figures.append(f"<figure>{image}{figcaption}</figure>")
        return "\n".join(figures)

    def _featured(self, article: Article) -> None:
        thumbnail = self.row.data.get("thumbnail", "")
        if not thumbnail.isdigit():
            return
        attachment = ImportedItem.objects.filter(
            kind=ImportedItem.Kind.ATTACHMENT, wp_id=int(thumbnail)
        ).first()
        if attachment is None:
            missing = f"the featured image {thumbnail} is not in the export"
            self.report.skipped("pictures", missing, guid=self.row.key)
            return
        data = attachment.data
        alt = data.get("alt") or data.get("caption") or data.get("title", "")
        if not alt.strip():
            self.report.skipped(
                "pictures", "the featured image has no alt text or caption", guid=self.row.key
            )
            return
        try:
            path = self.media.checked(data["file"])
        except PictureRefused as refusal:
            self.report.skipped("pictures", str(refusal), guid=self.row.key)
            return
        self.report.created("pictures")
        if self.store:
            store_on_story(article, path)
            article.image_alt = alt.strip()[:250]
            article.image_caption = data.get("caption", "")[:300]
