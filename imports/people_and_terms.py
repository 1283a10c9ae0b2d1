"""The old site's authors, categories and tags, found in the newsroom or added to it.

Categories become sections and tags tags, matched by name (and a section by its slug too),
so an import into a newsroom that already has "Business" files its business posts there. A
WordPress user or a co-author becomes an author, remembered by login so that a second run
finds the same one again; accounts are not made, since nobody logs in as an imported name.
"""

from urllib.parse import unquote

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Author, OldAddress, Section, Tag
from articles.models.old_addresses import normal_path, query_address
from articles.slugs import unique_slug
from imports.models import ImportedItem
from imports.report import UNCHANGED, Report
from imports.wxr import WpAuthor, WpTerm

CHUNK = 500
PATH_LENGTH = OldAddress._meta.get_field("path").max_length
ALREADY_THERE = "already in the newsroom"


def chunks(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def add_old_addresses(rows: list[OldAddress]) -> None:
    """Store old addresses; one already stored keeps what it led to first. An address longer
    than any the column holds is no address a reader types or a site links to."""
    kept = [row for row in rows if len(row.path) <= PATH_LENGTH]
    OldAddress.objects.bulk_create(kept, ignore_conflicts=True, batch_size=CHUNK)


def archive_addresses(path: str, parameter: str, value: str, **leads_to) -> list[OldAddress]:
    """The old addresses of an archive at ``path``: its page, its feed, and
    ``/?{parameter}={value}`` when the old site gave a value; each leads to ``leads_to``."""
    rows = [
        OldAddress(path=normal_path(path), **leads_to),
        OldAddress(path=normal_path(path + "/feed"), feed=True, **leads_to),
    ]
    if value:
        rows.append(OldAddress(path=query_address(parameter, value), **leads_to))
    return rows


class Terms:
    """The sections, tags and authors of one import, by their names on the old site."""

    def __init__(self, report: Report, *, category_base: str, tag_base: str):
        self.report = report
        self.category_base = category_base.strip("/")
        self.tag_base = tag_base.strip("/")
        self.sections: dict[str, int] = {}  # category nicename -> section id
        self.category_parents: dict[str, str] = {}
        self.tags: dict[str, int] = {}  # tag slug -> tag id
        self.authors: dict[str, int] = {}  # login -> author id
        self.author_names: dict[str, str] = {}

    # Sections ----------------------------------------------------------------------------

    def add_categories(self, terms: list[WpTerm]) -> None:
        for term in terms:
            self.category_parents[term.slug] = term.parent
        for term in terms:
            self.section_for(term.slug, term.name, term_id=term.term_id)

    def category_path(self, nicename: str) -> str:
        """/category/parent/child: WordPress puts a category's parents in its address."""
        parts, seen = [], set()
        while nicename and nicename not in seen:
            seen.add(nicename)
            parts.insert(0, nicename)
            nicename = self.category_parents.get(nicename, "")
        return f"/{self.category_base}/" + "/".join(parts)

    def section_for(self, nicename: str, name: str, *, term_id: str = "") -> int:
        """The section a category files its posts in, made if the newsroom has none."""
        if nicename in self.sections:
            return self.sections[nicename]
        name = (name or unquote(nicename)).strip()[:60] or "News"
        slug = slugify(unquote(nicename))[:60] or slugify(name)[:60]
        same = Q(name__iexact=name) | Q(slug=slug) if slug else Q(name__iexact=name)
        found = Section.objects.filter(same).first()
        if found is not None:
            self.report.skipped("sections", ALREADY_THERE)
        else:
            if not slug or Section.objects.filter(slug=slug).exists():
                slug = unique_slug(Section, slug or f"section-{term_id or 'new'}", max_length=60)
            found = Section.objects.create(name=name, slug=slug)
            self.report.created("sections")
        self.sections[nicename] = found.pk
        add_old_addresses(
            archive_addresses(self.category_path(nicename), "cat", term_id, section=found)
        )
        return found.pk

    # Tags --------------------------------------------------------------------------------

    def add_tags(self, terms: list[WpTerm]) -> None:
        """Find or make the tags of ``terms`` in a few queries, however many there are."""
        wanted = {term.slug: term for term in terms if term.slug not in self.tags}
        if not wanted:
            return
        names = {(term.name or unquote(slug)).strip()[:100]: slug for slug, term in wanted.items()}
        names.pop("", None)
        existing: dict[str, int] = {}
        for part in chunks(list(names)):
            existing.update(Tag.objects.filter(name__in=part).values_list("name", "pk"))
        missing = [name for name in names if name not in existing]
        slugs = {name: Tag().slugify(name) for name in missing}
        taken: set[str] = set()
        for part in chunks(list(set(slugs.values()))):
            taken.update(Tag.objects.filter(slug__in=part).values_list("slug", flat=True))
        made = []
        for name in missing:
            slug, number = slugs[name], 1
            while slug in taken:
                number += 1
                slug = Tag().slugify(name, number)
            taken.add(slug)
            made.append(Tag(name=name, slug=slug))
        Tag.objects.bulk_create(made, batch_size=CHUNK)
        self.report.created("tags", len(made))
        for _ in range(len(names) - len(made)):
            self.report.skipped("tags", ALREADY_THERE)
        existing.update((tag.name, tag.pk) for tag in made)
        rows = []
        for name, old_slug in names.items():
            tag_id = existing[name]
            self.tags[old_slug] = tag_id
            slug = unquote(old_slug)
            rows += archive_addresses(f"/{self.tag_base}/{slug}", "tag", slug, tag_id=tag_id)
        add_old_addresses(rows)

    # Authors -----------------------------------------------------------------------------

    def add_authors(self, people: list[WpAuthor]) -> None:
        for person in people:
            self.author_for(person.login, person.display_name, wp_id=person.wp_id)

    def author_for(self, login: str, name: str, *, wp_id: str = "") -> int:
        """The author a login signs as, found by login (a second run), by name, or made."""
        if login in self.authors:
            return self.authors[login]
        name = (name or login).strip()[:150]
        key = f"author:{login}"
        known = ImportedItem.objects.filter(key=key).select_related("author").first()
        if known is not None and known.author is not None:
            author = known.author
            if known.digest == name:
                self.report.skipped("authors", UNCHANGED)
            else:
                author.name = name
                author.save(update_fields=["name"])
                known.digest = name
                known.save(update_fields=["digest"])
                self.report.updated("authors")
        else:
            author = Author.objects.filter(name=name).first()
            if author is not None:
                self.report.skipped("authors", ALREADY_THERE)
            else:
                author = Author.objects.create(name=name)
                self.report.created("authors")
            ImportedItem.objects.update_or_create(
                key=key,
                defaults={
                    "kind": ImportedItem.Kind.AUTHOR,
                    "author": author,
                    "digest": name,
                    "wp_id": int(wp_id) if wp_id.isdigit() else None,
                    "imported_at": timezone.now(),
                },
            )
        self.authors[login] = author.pk
        add_old_addresses(
            archive_addresses(f"/author/{slugify(login)}", "author", wp_id, author=author)
        )
        return author.pk
