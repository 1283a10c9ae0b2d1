"""People: the accounts that log in, and the authors whose names appear in bylines."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles.images import NewsroomImageField, refresh_renditions
from newsroom.slugs import unique_slug


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in to the newsroom, identified by email address."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    is_staff = models.BooleanField(
        default=False, help_text="Whether this person can log in to the editing desk (admin)."
    )
    is_active = models.BooleanField(
        default=True, help_text="Untick instead of deleting, so that history keeps its names."
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Author(models.Model):
    """A byline: a staff journalist, a guest writer or a wire agency."""

    name = models.CharField(max_length=150, help_text="As printed in the byline: “By: Name”.")
    slug = models.SlugField(
        max_length=160, unique=True, blank=True, help_text="Used in the author page's address."
    )
    bio = models.TextField(blank=True, max_length=1000, help_text="Two or three sentences.")
    photo = NewsroomImageField(
        blank=True, help_text="A head-and-shoulders portrait: JPEG, PNG, WebP or AVIF."
    )
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text="Leave empty for guest writers and wire agencies.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Author, self.name, max_length=160, exclude_pk=self.pk)
        self.photo_renditions = refresh_renditions(self.photo, self.photo_renditions)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("accounts:author", kwargs={"slug": self.slug})
