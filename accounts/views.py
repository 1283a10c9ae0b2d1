"""Author pages: who writes for the newsroom, and what they have published."""

from django.utils import timezone
from django.views.generic import ListView

from accounts.models import Author
from articles.views import PublishedArticlesMixin


class AuthorView(PublishedArticlesMixin, ListView):
    template_name = "accounts/author.html"

    def get_queryset(self):
        self.author = self.remembered_or_404("author", Author.objects.all())
        # Filtered and ordered on the byline's copy of the publication time, so the newest
        # stories come straight from the (author, time) index: an author of 600 stories
        # otherwise cost a walk through thousands of other people's stories. The time bound
        # lets the index skip drafts (no time) and stories scheduled for later.
        return (
            self.story_cards()
            .filter(byline__author=self.author, byline__published_at__lte=timezone.now())
            .order_by("-byline__published_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)
