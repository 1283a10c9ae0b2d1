"""Readers' lists page by page without counting them.

A count over a popular tag's 30,000 stories cost more than the page itself, and it grew
with the archive. Readers need "newer" and "older" links, not "page 3 of 1,800": reading
one story more than a page says whether an older page exists, at the same cost on any size.
"""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator

# Far beyond any archive (a million pages of twenty stories), and an offset every database
# can take: a page number past it is simply a page that does not exist.
LAST_POSSIBLE_PAGE = 1_000_000


class NewerOlderPage(Page):
    def __init__(self, object_list, number, paginator, *, has_older: bool):
        super().__init__(object_list, number, paginator)
        self.has_older = has_older

    def has_next(self) -> bool:
        return self.has_older


class NewerOlderPaginator(Paginator):
    """A paginator whose pages know their neighbours but never count the whole list.

    An unknown or empty page beyond the first is still an error (a 404 in list views).
    """

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > LAST_POSSIBLE_PAGE:
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def page(self, number) -> NewerOlderPage:
        number = self.validate_number(number)
        start = (number - 1) * self.per_page

        rows = list(self.object_list[start : start + self.per_page + 1])
        if not rows and (number > 1 or not self.allow_empty_first_page):
            raise EmptyPage(self.error_messages["no_results"])
        return NewerOlderPage(
            rows[: self.per_page], number, self, has_older=len(rows) > self.per_page
        )
