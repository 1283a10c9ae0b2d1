"""Create the /about/, /contact/ and /privacy/ pages with placeholder text to edit in the admin."""

from django.conf import settings
from django.db import migrations

PAGES = [
    {
        "url": "/about/",
        "title": "About us",
        "content": """
<p>We are an independent national news agency. Our reporters and editors work from the capital
and from bureaux across the provinces, and we publish in plain language for readers at home and
abroad.</p>
<h2>What we stand for</h2>
<ul>
<li><strong>Accuracy first.</strong> Every story is checked by an editor before it is published.
When we make a mistake we correct it openly and date the correction.</li>
<li><strong>Independence.</strong> No government, party or advertiser decides what we report.</li>
<li><strong>Clarity.</strong> We explain what happened, why it matters and what we do not yet know.</li>
</ul>
<h2>How we work</h2>
<p>Journalists write and revise their stories; a second person, an editor, reviews each one,
asks for changes when needed and decides when it is published. Our list of
<a href="/corrections/">corrections and clarifications</a> is public.</p>
""",
    },
    {
        "url": "/contact/",
        "title": "Contact",
        "content": """
<p>We read every message, although we cannot answer each one individually.</p>
<h2>News desk</h2>
<p>Tips, press releases and invitations: write to the news desk at
<a href="mailto:desk@newsroom.example">desk@newsroom.example</a>. Tell us who you are and how we
can reach you; we protect our sources.</p>
<h2>Corrections</h2>
<p>If you believe a story contains an error, write to
<a href="mailto:corrections@newsroom.example">corrections@newsroom.example</a> with the story's
address and what you think is wrong. An editor will look into it.</p>
<h2>Everything else</h2>
<p>Partnerships, syndication and general questions:
<a href="mailto:office@newsroom.example">office@newsroom.example</a>.</p>
""",
    },
    {
        "url": "/privacy/",
        "title": "Privacy and cookies",
        "content": """
<p>This page explains what we store in your browser when you read our site, and what you can
choose. You can change your choice at any time under <a href="/consent/">Cookie settings</a>, at
the bottom of every page.</p>
<h2>Necessary cookies</h2>
<p>A few small files are needed for the site to work and cannot be switched off: one remembers
the choice you made about the optional categories below, and staff who log in to the editing
desk get a session cookie. Reading stories does not require any cookie at all.</p>
<h2>Optional categories</h2>
<p>Nothing in these categories is used until you say yes, and saying no changes nothing about
what you can read.</p>
<ul>
<li><strong>Analytics:</strong> counts of which pages are read and how readers find them, so we
know which reporting matters to you. We look at totals, not at individuals.</li>
<li><strong>Embedded media:</strong> videos, maps and posts from other services shown inside a
story. Those services may set their own cookies when they load, so we only load them with your
permission; otherwise you see a link instead.</li>
<li><strong>Advertising:</strong> cookies that let advertising partners show adverts and measure
them. They help pay for our journalism.</li>
</ul>
<h2>Your rights</h2>
<p>You can ask what we hold about you, have it corrected or deleted, by writing to
<a href="mailto:privacy@newsroom.example">privacy@newsroom.example</a>.</p>
""",
    },
]


def create_pages(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    FlatPage = apps.get_model("flatpages", "FlatPage")
    site, _ = Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "localhost", "name": settings.SITE_NAME}
    )
    for page in PAGES:
        flatpage, _ = FlatPage.objects.get_or_create(
            url=page["url"],
            defaults={"title": page["title"], "content": page["content"].strip()},
        )
        flatpage.sites.add(site)


def remove_pages(apps, schema_editor):
    FlatPage = apps.get_model("flatpages", "FlatPage")
    FlatPage.objects.filter(url__in=[page["url"] for page in PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sites", "0002_alter_domain_unique"),
        ("flatpages", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_pages, remove_pages)]
