"""``load_demo`` fills an empty newsroom once; running it again changes nothing."""

import stat
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from taggit.models import Tag

from accounts.models import User
from articles import demo_content, images
from articles.models import Article, Author, Byline, Correction, Section, TaggedArticle

pytestmark = pytest.mark.django_db

COUNTED = [Section, Author, Tag, Article, Byline, TaggedArticle, Correction, User]


def load_demo() -> str:
    output = StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


@pytest.fixture(autouse=True)
def one_rendition_width(monkeypatch):
    """Renditions are proven in test_image_uploads; one width each keeps 38 pictures quick."""
    monkeypatch.setattr(images, "RENDITION_WIDTHS", (320,))


def test_demo_newsroom_is_loaded_once_and_a_second_run_duplicates_nothing():
    first_output = load_demo()
    counts = row_counts()

    assert list(Section.objects.values_list("name", flat=True)) == [
        "National",
        "World",
        "Business",
        "Sport",
        "Opinion",
    ]
    assert (counts["Article"], counts["Author"], counts["Tag"]) == (44, 8, 40)
    assert counts["Correction"] == 2
    assert Article.objects.published().count() >= 20
    statuses = set(Article.objects.values_list("status", flat=True))
    assert {"draft", "in_review", "scheduled"} <= statuses
    assert all(author.photo and author.bio for author in Author.objects.all())
    for story in Article.objects.prefetch_related("byline_set", "tags"):
        assert story.image and story.image_alt and story.image_caption and story.image_credit
        assert story.image_renditions["jpeg"]
        assert 1 <= len(story.byline_set.all()) <= 2
        assert 2 <= len(story.tags.all()) <= 4
        assert 4 <= story.body.count("<p>") <= 6

    second_output = load_demo()

    assert row_counts() == counts
    assert "0 new stories" in second_output
    login_table = first_output[first_output.index("Role") :]
    assert login_table in second_output


def test_three_demo_accounts_can_log_in_with_the_printed_passwords(monkeypatch, var_dir):
    # The accounts do not depend on the stories; leaving them out keeps this test quick.
    monkeypatch.setattr(demo_content, "STORIES", [])
    output = load_demo()
    printed = dict(
        line.split()[1:3]
        for line in output.splitlines()
        if line.split()[:1] in (["Journalist"], ["Editor"], ["Administrator"])
    )
    journalist = User.objects.get(email="journalist@newsroom.example")
    editor = User.objects.get(email="editor@newsroom.example")
    administrator = User.objects.get(email="admin@newsroom.example")

    assert list(journalist.groups.all()) == [Group.objects.get(name="Journalist")]
    assert list(editor.groups.all()) == [Group.objects.get(name="Editor")]
    assert administrator.is_superuser
    assert journalist.author.name == "Farida Noorzai"
    assert editor.author.name == "Wahid Karimi"
    for user in [journalist, editor, administrator]:
        assert user.is_staff
        assert user.check_password(printed[user.email])

    passwords_file = var_dir / "demo-accounts.txt"
    assert stat.S_IMODE(passwords_file.stat().st_mode) == 0o600
    assert all(password in passwords_file.read_text() for password in printed.values())


def test_a_lost_passwords_file_gives_the_accounts_new_working_passwords(monkeypatch, var_dir):
    monkeypatch.setattr(demo_content, "STORIES", [])
    load_demo()
    (var_dir / "demo-accounts.txt").unlink()

    output = load_demo()

    editor_row = next(line for line in output.splitlines() if line.startswith("Editor"))
    email, password = editor_row.split()[1:3]
    assert User.objects.get(email=email).check_password(password)
    assert User.objects.filter(email__endswith="@newsroom.example").count() == 3


def test_a_passwords_file_left_from_another_database_is_not_trusted(monkeypatch, var_dir):
    monkeypatch.setattr(demo_content, "STORIES", [])
    var_dir.mkdir(parents=True, exist_ok=True)
    (var_dir / "demo-accounts.txt").write_text("editor@newsroom.example\tfrom-an-old-database\n")

    output = load_demo()

    editor_row = next(line for line in output.splitlines() if line.startswith("Editor"))
    email, password = editor_row.split()[1:3]
    assert password != "from-an-old-database"
    assert User.objects.get(email=email).check_password(password)
    assert "from-an-old-database" not in (var_dir / "demo-accounts.txt").read_text()


def test_seeding_stories_after_the_demo_reuses_its_tags(monkeypatch, var_dir):
    load_demo()
    demo_tags = set(Tag.objects.values_list("slug", flat=True))

    call_command("seed_articles", "20", stdout=StringIO())

    assert Article.objects.count() > 20
    # The pool's "drought" is the demo's "Drought": one tag, one page.
    slugs = list(Tag.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) and demo_tags <= set(slugs)
