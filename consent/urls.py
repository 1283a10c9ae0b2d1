"""The reader's cookie choice, under /consent/."""

from django.urls import path

from consent import views

app_name = "consent"

urlpatterns = [
    path("", views.choose, name="choose"),
    path("save/", views.save, name="save"),
    path("choice.css", views.reader_choice_css, name="reader_choice_css"),
]
