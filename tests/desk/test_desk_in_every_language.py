"""The desk in Dari and Pashto: stories written in their direction, translations started
from the original, and the desk's own language chosen by whoever uses it."""

from django.urls import reverse

from articles.models import Article
from tests.desk_forms import ADD_URL, new_article_data
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.html import parse


def test_the_desk_writes_a_pashto_story_right_to_left(editor_client):
    pashto = ArticleFactory(language="ps", headline="د غنمو حاصل")
    english = ArticleFactory(headline="Wheat harvest")
    page = parse(editor_client.get(reverse("admin:articles_article_change", args=[pashto.pk])))
    body = page.find("textarea", name="body")
    assert (body.attrs["dir"], body.attrs["lang"]) == ("rtl", "ps")
    headline = page.find("textarea", name="headline")
    assert (headline.attrs["dir"], headline.attrs["lang"]) == ("rtl", "ps")
    page = parse(editor_client.get(reverse("admin:articles_article_change", args=[english.pk])))
    assert page.find("textarea", name="body").attrs["dir"] == "ltr"


def test_translate_into_makes_a_linked_draft_beside_its_original(journalist_client, journalist, db):
    original = ArticleFactory(created_by=journalist, headline="Clinic opens in Bamyan")
    response = journalist_client.post(
        reverse("admin:articles_article_translate", args=[original.pk]), {"language": "ps"}
    )
    draft = Article.objects.get(original=original, language="ps")
    assert response.status_code == 302 and response["Location"].endswith(f"/{draft.pk}/change/")
    assert draft.status == Article.Status.DRAFT and draft.created_by == journalist
    page = parse(journalist_client.get(response["Location"]))
    beside = page.find("details", class_="translated-from")
    assert beside.attrs["dir"] == "ltr" and "Clinic opens in Bamyan" in beside.text
    again = journalist_client.post(
        reverse("admin:articles_article_translate", args=[original.pk]),
        {"language": "ps"},
        follow=True,
    )
    assert "already has a version" in again.content.decode()
    assert Article.objects.filter(original=original, language="ps").count() == 1


def test_a_journalist_chooses_the_desks_language_from_any_desk_page(journalist_client):
    desk = reverse("admin:index")
    page = parse(journalist_client.get(desk))
    menu = page.find("form", class_="desk-language")
    assert {option.attrs["value"] for option in menu.find_all("option")} == {"en", "fa-af", "ps"}
    response = journalist_client.post(
        menu.attrs["action"], {"language": "ps", "next": desk}, follow=True
    )
    html = parse(response).find("html")
    assert (html.attrs["lang"], html.attrs["dir"]) == ("ps", "rtl")
    assert "وتل" in response.content.decode()  # "Log out", from the Pashto catalogue


def test_a_journalist_writes_a_new_story_in_dari(journalist_client, db):
    section = SectionFactory()
    author = AuthorFactory()
    form = parse(journalist_client.get(ADD_URL))
    offered = {
        option.attrs["value"] for option in form.find("select", name="language").find_all("option")
    }
    assert offered == {"en", "fa-af", "ps"}
    response = journalist_client.post(
        ADD_URL,
        new_article_data(
            section=section, authors=[author], language="fa-af", headline="برداشت گندم در کندز"
        ),
    )
    assert response.status_code == 302
    story = Article.objects.get(headline="برداشت گندم در کندز")
    assert story.language == "fa-af"
    assert story.slug == "برداشت-گندم-در-کندز"


def test_tags_typed_with_the_arabic_comma_are_separate_tags(journalist_client):
    data = new_article_data(section=SectionFactory(), authors=[AuthorFactory()])
    data["tags"] = "اوبه، کرنه، بلخ"

    journalist_client.post(ADD_URL, data)

    assert sorted(Article.objects.get().tags.names()) == sorted(["اوبه", "کرنه", "بلخ"])


def test_a_new_story_starts_in_the_language_of_the_desk(journalist_client):
    journalist_client.cookies["django_language"] = "ps"

    page = parse(journalist_client.get(ADD_URL))

    chosen = page.find("select", name="language").find("option", selected="")
    assert chosen.attrs["value"] == "ps"
    assert page.find("textarea", name="headline").attrs["dir"] == "rtl"
