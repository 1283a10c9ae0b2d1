"""Author pages: who writes for the newsroom, and what they have published."""

from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from accounts.models import Author
from articles.views import PublishedArticlesMixin


class AuthorView(PublishedArticlesMixin, ListView):
    template_name = "accounts/author.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return self.story_cards().filter(bylines=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)
