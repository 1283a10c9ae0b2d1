from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("<slug:slug>/", views.AuthorView.as_view(), name="author"),
]
