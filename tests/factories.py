"""Factories for the newsroom's cast and content. Traits say what state a story is in."""

from datetime import timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from articles.models import Article, Author, Byline, Section


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@newsroom.test")
    full_name = factory.Faker("name")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if extracted:
            user.groups.add(Group.objects.get(name=extracted))
        if create:
            user.save()


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Faker("name")
    bio = factory.Faker("sentence", nb_words=12)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Story number {n} about the national budget")
    standfirst = "What the budget means for farmers, teachers and traders."
    dateline = "KABUL"
    body = "<p>First paragraph of the story.</p><p>Second paragraph with “a quote”.</p>"
    section = factory.SubFactory(SectionFactory)

    class Params:
        published = factory.Trait(
            status=Article.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1)),
        )
        scheduled = factory.Trait(
            status=Article.Status.SCHEDULED,
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1)),
        )
        in_review = factory.Trait(status=Article.Status.IN_REVIEW)
        sent_back = factory.Trait(status=Article.Status.SENT_BACK)
        unpublished = factory.Trait(
            status=Article.Status.UNPUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=2)),
        )
        trashed = factory.Trait(
            status=Article.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1)),
            deleted_at=factory.LazyFunction(timezone.now),
        )

    @factory.post_generation
    def authors(article, create, extracted, **kwargs):
        """Pass ``authors=[...]`` for a byline in that order; one new author otherwise."""
        if not create:
            return
        for position, author in enumerate(extracted or [AuthorFactory()]):
            Byline.objects.create(article=article, author=author, position=position)

    @factory.post_generation
    def tags(article, create, extracted, **kwargs):
        if create and extracted:
            article.tags.add(*extracted)


def hours_ago(hours: int):
    """A moment in the past, for stories whose order matters."""
    return timezone.now() - timedelta(hours=hours)


def stored_jpeg(width: int = 400, height: int = 250) -> str:
    """The storage name of a small real JPEG, as an uploaded picture is kept once saved."""
    from io import BytesIO

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), (40, 90, 140)).save(buffer, "JPEG")
    return default_storage.save("images/test/photo.jpg", ContentFile(buffer.getvalue()))
