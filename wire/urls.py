from django.urls import path
from django.views.generic import TemplateView

app_name = "wire_reference"

urlpatterns = [
    path("", TemplateView.as_view(template_name="wire/reference.html"), name="reference"),
]
