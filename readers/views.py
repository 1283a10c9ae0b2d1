"""Readers' pages. Every one starts from ``Article.objects.published()``."""

from django.conf import settings
from django.db.models import Q
from django.db.models.fields.json import KeyTextTransform
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from articles import languages
from articles.models import Article, Correction
from articles.statements import A_LANGUAGE, A_TIME, AN_ID, Rows, Statement
from readers import freshness
from readers.caching import public_page, shows
from readers.context_processors import navigation_sections
from readers.frames import Frame, joined
from readers.freshness import CORRECTIONS, STORIES, story_key
from readers.list_pages import About, author_header, feeds_of, list_page, page_header
from readers.pagination import NewerOlderPaginator
from readers.prepared import card_rows, finish_cards
from readers.subjects import AUTHOR, languages_of, tag_in, tag_name

HOME_LATEST_COUNT = 12
HOME_STORIES_PER_SECTION = 4


def cards_of(card: str, narrow=None, **stand_ins) -> Statement:
    """Published stories in a language as rows of ``card_rows`` for ``card``, newest first,
    compiled once.

    ``narrow(stories, now=…, **values)`` keeps those of one list; ``stand_ins`` stand for its
    values (``articles/statements.py``).
    """

    def build(now, language, **values):
        stories = card_rows(Article.objects.published(at=now).in_language(language), card)
        return narrow(stories, now=now, **values) if narrow else stories

    return Statement(build, now=A_TIME, language=A_LANGUAGE, **stand_ins)


class PublishedArticlesMixin:
    """The one queryset public views list from; every view using it is a cached public page."""

    paginate_by = 20
    paginator_class = NewerOlderPaginator
    # Which prepared card (readers/prepared.py) the page's list shows; None: not a list of cards.
    card: str | None = "list_with_section"
    # The stories of one tag or author (``subject_or_404``): none at all means no such page.
    lists_a_subject = False

    # The list's rows of ``card_rows``, compiled once (``cards_of``); None: not a list of cards.
    cards: Statement | None = None

    @classmethod
    def as_view(cls, **initkwargs):
        return public_page(super().as_view(**initkwargs))

    def story_cards(self, **values) -> Rows:
        """The list's published stories, as rows the paginator slices: one query a page."""
        return Rows(self.cards, now=timezone.now(), language=get_language(), **values)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.card and context.get("page_obj") is not None:
            cards = finish_cards(context["object_list"], self.card)
            shows(self.request, *(story_key(pk) for pk, _card in cards))
            context["cards"] = [card for _pk, card in cards]
        return context

    def subject_or_404(self, subject: Statement, key_kind: str):
        """The tag or author in the address (``subject`` finds it by slug), or a 404.

        One no published story shows does not exist for readers: its list is empty, and an
        empty first page is a 404 too (``get_paginator``), before anything names it.
        """
        found = subject.objects(slug=self.kwargs["slug"], language=get_language())
        if not found:
            raise Http404(f"No {key_kind} has this address.")
        shows(self.request, f"{key_kind}:{found[0].pk}")
        return found[0]

    def get_paginator(self, *args, **kwargs):
        if self.lists_a_subject:
            kwargs["allow_empty_first_page"] = False
        return super().get_paginator(*args, **kwargs)


# The home page's lead and "Latest" candidates: the newest stories, whether each has no
# picture, and their two prepared cards.
NEWEST_STORIES = Statement(
    lambda now, language: (
        Article.objects.published(at=now)
        .in_language(language)
        .order_by("-published_at", "-pk")
        .values_list(
            "pk",
            Q(image_renditions={}),
            "prepared__format",
            KeyTextTransform("lead", "prepared__cards"),
            KeyTextTransform("latest", "prepared__cards"),
        )[: HOME_LATEST_COUNT + 1]
    ),
    now=A_TIME,
    language=A_LANGUAGE,
)


# The home page with its lead, sections' blocks and "Latest" put in per request.
HOME_FRAME = Frame(
    "articles/home.html",
    ("canonical_url", "alternates", "navigation", "lead", "section_blocks", "latest"),
)


class HomeView(PublishedArticlesMixin, TemplateView):
    """The lead story, the newest stories of each section and a "Latest" list."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        shows(self.request, STORIES)
        self.request.alternate_languages = languages.CODES
        return super().get_context_data(**self.home_stories(), **kwargs)

    def render_to_response(self, context, **response_kwargs):
        if not (context["lead"] and context["latest"]):
            return super().render_to_response(context, **response_kwargs)
        parts = {part: context[part] for part in ("lead", "section_blocks", "latest")}
        return HOME_FRAME.response(self.request, parts)

    def home_stories(self) -> dict:
        rows = NEWEST_STORIES.rows(now=timezone.now(), language=get_language())
        lead = next((row for row in rows if not row[1]), rows[0] if rows else None)
        latest = [row for row in rows if row is not lead][:HOME_LATEST_COUNT]
        lead_card = finish_cards([(lead[0], lead[2], lead[3])], "lead") if lead else []
        latest_cards = finish_cards(
            [(pk, format_, html) for pk, _, format_, _, html in latest], "latest"
        )
        shows(self.request, *(story_key(pk) for pk, _card in lead_card + latest_cards))
        blocks = self.section_blocks(exclude=lead[0] if lead else None)
        return {
            "lead": lead_card[0][1] if lead_card else "",
            "latest": joined((card for _pk, card in latest_cards), "<li>{}</li>", "\n      "),
            "section_blocks": joined(blocks, separator="\n    "),
        }

    def section_blocks(self, *, exclude: int | None) -> list[SafeString]:
        """The newest stories of every section in the navigation, as finished HTML blocks.

        Which stories are each section's newest is kept in the shared cache until that
        section's list changes; each section's block is kept until that list or one of its
        stories changes (a correction moves only the story's key). Publishing in Sport builds
        Sport's block again and no other section's. Unpublishing, trashing or moving a story
        moves its section's key, so a kept block never shows what readers may not see. The
        first story of each section shows its picture; the lead story is left out.
        """
        sections = {section["pk"]: section for section in navigation_sections(self.request)}
        language = get_language()
        newest = freshness.kept_each(
            {f"newest:{language}:{pk}": [f"section:{pk}"] for pk in sections}, newest_of_sections
        )
        shown = {
            pk: [story for story in newest[f"newest:{language}:{pk}"] if story != exclude][
                :HOME_STORIES_PER_SECTION
            ]
            for pk in sections
        }
        blocks_shown = {
            f"block:{language}:{pk}:{'-'.join(map(str, stories))}": (sections[pk], stories)
            for pk, stories in shown.items()
            if stories
        }
        entries = {
            name: [f"section:{section['pk']}", *(story_key(story) for story in stories)]
            for name, (section, stories) in blocks_shown.items()
        }
        blocks = freshness.kept_each(
            entries, lambda names: section_block_html({name: blocks_shown[name] for name in names})
        )
        shows(self.request, *(story_key(story) for stories in shown.values() for story in stories))
        # Rendered by a template, which escaped what it printed; in the navigation's order.
        return [mark_safe(blocks[name]) for name in entries if blocks[name]]  # noqa: S308


def section_block_html(wanted: dict[str, tuple[dict, list[int]]]) -> dict[str, str]:
    """For each name, its section's block of those stories, from their stored cards.

    The cards are read through ``published()``; the first of each block shows its picture.
    """
    rows = (
        Article.objects.published()
        .filter(pk__in=[pk for _section, ids in wanted.values() for pk in ids])
        .values_list(
            "pk",
            "prepared__format",
            KeyTextTransform("home", "prepared__cards"),
            KeyTextTransform("home_with_image", "prepared__cards"),
        )
    )
    rows = {pk: (format_, card, card_with_image) for pk, format_, card, card_with_image in rows}
    firsts = {ids[0] for _section, ids in wanted.values() if ids[0] in rows}
    cards = dict(
        finish_cards([(pk, rows[pk][0], rows[pk][2]) for pk in firsts], "home_with_image")
        + finish_cards(
            [(pk, format_, card) for pk, (format_, card, _) in rows.items() if pk not in firsts],
            "home",
        )
    )
    blocks = {}
    for name, (section, ids) in wanted.items():
        shown = [cards[pk] for pk in ids if pk in cards]
        blocks[name] = shown and render_to_string(
            "includes/section_block.html", {"section": section, "cards": shown}
        )
    return blocks


def newest_of_sections(names: list[str]) -> dict[str, list[int]]:
    """For each "newest:<language>:<section id>", the ids of that section's newest stories in
    that language.

    One more than the home page shows, in case the lead story is among them. The ids come
    from one query whose per-section parts each read the (section, language, publication
    time) index, so it costs about the same however large the archive.
    """
    language = names[0].split(":")[1]
    section_ids = [int(name.rsplit(":", 1)[1]) for name in names]
    published = Article.objects.published().in_language(language)
    ids = published.newest_ids_per_section(section_ids, HOME_STORIES_PER_SECTION + 1)
    newest = {pk: [] for pk in section_ids}
    rows = published.filter(pk__in=ids).order_by("-published_at", "-pk")
    for pk, section_id in rows.values_list("pk", "section_id"):
        newest[section_id].append(pk)
    return {f"newest:{language}:{pk}": ids for pk, ids in newest.items()}


class ListPageView(PublishedArticlesMixin, ListView):
    """A list of stories, put together from its frame and prepared cards (``list_pages``)."""

    def about(self) -> About:
        raise NotImplementedError

    def current_section(self) -> tuple[int, str] | None:
        return None

    def shown_in(self) -> tuple[str, ...]:
        """The languages the list has a page in."""
        return languages.CODES

    def render_to_response(self, context, **response_kwargs):
        return list_page(
            self.request,
            self.about(),
            context["cards"],
            context["page_obj"],
            current_section=self.current_section(),
            shown_in=self.shown_in(),
        )


class ArchiveView(ListPageView):
    """Every published story, newest first, page by page."""

    cards = cards_of(PublishedArticlesMixin.card)

    def get_queryset(self):
        shows(self.request, STORIES)
        return self.story_cards()

    def about(self) -> About:
        return About(
            name=_("Archive"),
            description=_("Every story published by %(site)s, newest first.")
            % {"site": _(settings.SITE_NAME)},
            header=page_header(_("Archive"), _("Every story we have published, newest first.")),
        )


class SectionView(ListPageView):
    card = "list"
    cards = cards_of(
        card, lambda stories, section, now: stories.filter(section_id=section), section=AN_ID
    )

    def get_queryset(self):
        # The navigation lists exactly the sections readers may see, already read for the page.
        slug = self.kwargs["slug"]
        sections = navigation_sections(self.request)
        self.section = next((section for section in sections if section["slug"] == slug), None)
        if self.section is None:
            raise Http404("No section has this address.")
        shows(self.request, f"section:{self.section['pk']}")
        return self.story_cards(section=self.section["pk"])

    def current_section(self) -> tuple[int, str]:
        return (self.section["pk"], "page")

    def shown_in(self) -> list[str]:
        return self.section["languages"]

    def about(self) -> About:
        name, description, slug = (self.section[field] for field in ("name", "description", "slug"))
        return About(
            name=name,
            description=description or name,
            header=page_header(name, description, kicker=_("Section")),
            feeds=feeds_of("section", slug),
        )


class TagView(ListPageView):
    lists_a_subject = True
    cards = cards_of(
        PublishedArticlesMixin.card,
        lambda stories, tag, now: stories.newest_tagged(tag, at=now),
        tag=AN_ID,
    )

    def get_queryset(self):
        self.tag = self.subject_or_404(tag_in(get_language()), "tag")
        return self.story_cards(tag=self.tag.pk)

    def shown_in(self) -> list[str]:
        return languages_of("tag", self.tag.pk)

    def about(self) -> About:
        name = tag_name(self.tag)
        return About(
            name=name,
            description=_("Stories about %(topic)s from %(site)s.")
            % {"topic": name, "site": _(settings.SITE_NAME)},
            header=page_header(
                name, _("Stories about %(topic)s, newest first.") % {"topic": name}, _("Topic")
            ),
            feeds=feeds_of("tag", self.tag.slug),
        )


class AuthorView(ListPageView):
    """Who writes for the newsroom, and what they have published."""

    lists_a_subject = True
    cards = cards_of(
        PublishedArticlesMixin.card,
        lambda stories, author, now: stories.newest_by(author, at=now),
        author=AN_ID,
    )

    def get_queryset(self):
        self.author = self.subject_or_404(AUTHOR, "author")
        return self.story_cards(author=self.author.pk)

    def shown_in(self) -> list[str]:
        return languages_of("author", self.author.pk)

    def about(self) -> About:
        author = self.author
        name = author.name_in(get_language())
        return About(
            name=name,
            description=Truncator(author.bio or name).chars(160),
            header=author_header(author),
            feeds=feeds_of("author", author.slug),
            og_type="profile",
        )


class CorrectionsView(PublishedArticlesMixin, ListView):
    """Every correction and clarification on a published story, newest first."""

    template_name = "articles/corrections.html"
    paginate_by = 30
    card = None

    def get_queryset(self):
        shows(self.request, CORRECTIONS, STORIES)
        self.request.alternate_languages = languages.CODES
        return (
            Correction.objects.filter(
                article__in=Article.objects.published().in_language(get_language())
            )
            .select_related("article")
            .order_by("-published_at", "-pk")
        )
