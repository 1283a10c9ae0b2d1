"""An address with a NUL character gets a clear 400 page, whichever page it was for.

PostgreSQL refuses NUL in text, so before this check such an address reached the database
and answered 500.
"""

import pytest

pytestmark = pytest.mark.django_db

PUBLIC_ADDRESSES = [
    "/tag/%00/",
    "/tag/a%00b/",
    "/feeds/tag/%00/rss/",
    "/section/%00/",
    "/authors/%00/",
    "/search/?q=NUL%00byte",
    "/archive/?page=%00",
    "/?utm_source=%00",
    "/?%00=1",
]


@pytest.mark.parametrize("address", PUBLIC_ADDRESSES)
def test_a_reader_sending_a_nul_gets_a_clear_400_page(reader_client, address):
    response = reader_client.get(address)

    assert response.status_code == 400
    assert "We cannot read that address" in response.text
    assert 'name="q"' in response.text, "the page offers a way on: search"


@pytest.mark.parametrize(
    "address",
    ["/admin/articles/article/?status=%00", "/admin/articles/article/?q=%00", "/admin/%00/"],
)
def test_the_desk_refuses_a_nul_the_same_way(editor_client, address):
    assert editor_client.get(address).status_code == 400


def test_an_ordinary_address_is_untouched(reader_client):
    assert reader_client.get("/search/?q=water%20wells").status_code == 200
