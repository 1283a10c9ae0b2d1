"""The wire in the desk, for administrators: subscribers, their keys and webhooks, and the
log of what was sent to each webhook. Editorial groups hold none of the wire's permissions.

A key is issued through ``wire/keys.py`` and shown once, on the page that answers the request
that made it: never in a message, a cookie or the session, where it would outlive that page.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from articles import languages
from wire import keys, tasks, webhooks
from wire.models import ApiKey, Delivery, DeliveryAttempt, Subscriber, Webhook


def ticked_boxes(db_field, choices, **kwargs) -> forms.MultipleChoiceField:
    """A JSON list of codes edited as one checkbox per choice, labelled as the model says."""
    return forms.MultipleChoiceField(
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        label=capfirst(db_field.verbose_name),
        help_text=db_field.help_text,
        **kwargs,
    )


def left_to_right(text) -> str:
    """``text`` isolated as left-to-right, so a key keeps its order in a Dari or Pashto line."""
    return f"\u2066{text}\u2069"


class ReadOnlyInline(admin.TabularInline):
    """Rows to read beside their parent: added and changed elsewhere, never here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ApiKeyInline(ReadOnlyInline):
    """A subscriber's keys: a key is issued or revoked on its own page, never edited."""

    model = ApiKey
    fields = ["shown_key", "label", "created_at", "last_used_at", "revoked_at", "state"]
    readonly_fields = fields

    @admin.display(description=_("key"))
    def shown_key(self, api_key: ApiKey) -> str:
        return format_html('<code dir="ltr">{}</code>', api_key)

    @admin.display(description=_("state"))
    def state(self, api_key: ApiKey) -> str:
        if api_key.revoked_at is not None:
            return gettext("Revoked")
        revoke = reverse(
            "admin:wire_subscriber_revoke_key", args=[api_key.subscriber_id, api_key.pk]
        )
        return format_html(
            '{} · <a href="{}">{}</a>', gettext("Working"), revoke, gettext("Revoke…")
        )


class WebhookForm(forms.ModelForm):
    class Meta:
        # A plain box: the admin's own shows a refused address as "Currently", as if saved.
        widgets = {"url": forms.URLInput(attrs={"class": "vURLField", "dir": "ltr"})}

    def clean_url(self) -> str:
        """Refuse, while the administrator is still here, what would be refused at sending."""
        url = self.cleaned_data["url"]
        if "url" in self.changed_data:
            try:
                webhooks.check_address(url)
            except webhooks.AddressRefused as refusal:
                raise ValidationError(
                    _("Webhooks cannot be sent to this address: %(reason)s"),
                    code="address_refused",
                    params={"reason": refusal},
                ) from refusal
        return url

    def save(self, commit=True):
        if not self.instance.secret:
            self.instance.secret = webhooks.new_secret()
        return super().save(commit)


class WebhookInline(admin.StackedInline):
    model = Webhook
    form = WebhookForm
    fields = ["url", "events", "is_active", "signing_secret"]
    readonly_fields = ["signing_secret"]
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name != "events":
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        # A new webhook is told of everything until someone unticks what it does not need.
        return ticked_boxes(db_field, Webhook.Event.choices, initial=Webhook.Event.values)

    @admin.display(description=_("signing secret"))
    def signing_secret(self, webhook: Webhook) -> str:
        if not webhook.secret:
            return gettext("Made when the webhook is saved.")
        return format_html(
            '<code dir="ltr">{}</code><div class="help">{}</div>',
            webhook.secret,
            gettext("Give it to whoever runs the receiver: it checks each delivery's signature."),
        )


class IssueKeyForm(forms.ModelForm):
    """The label of a key about to be issued; the key itself is made by ``keys.issue``."""

    class Meta:
        model = ApiKey
        fields = ["label"]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    fields = [
        "name",
        "contact_email",
        "languages",
        "sections",
        "receives_embargoed",
        "requests_per_minute",
        "is_active",
    ]
    list_display = [
        "name",
        "languages_taken",
        "sections_taken",
        "receives_embargoed",
        "is_active",
        "working_keys",
        "last_key_use",
    ]
    list_filter = ["is_active", "receives_embargoed"]
    search_fields = ["name", "contact_email"]
    inlines = [ApiKeyInline, WebhookInline]
    actions = ["issue_keys"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("sections")
            .annotate(
                working_keys=Count("keys", filter=Q(keys__revoked_at__isnull=True)),
                last_key_use=Max("keys__last_used_at"),
            )
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "languages":
            choices = [(code, languages.local_name(code)) for code, _name in settings.LANGUAGES]
            return ticked_boxes(db_field, choices, required=False)
        if db_field.name == "sections":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("languages"))
    def languages_taken(self, subscriber: Subscriber) -> str:
        if not subscriber.languages:
            return gettext("Every language")
        return ", ".join(languages.local_name(code) for code in subscriber.languages)

    @admin.display(description=_("sections"))
    def sections_taken(self, subscriber: Subscriber) -> str:
        names = [section.name for section in subscriber.sections.all()]
        return ", ".join(names) if names else gettext("Every section")

    @admin.display(description=_("working keys"), ordering="working_keys")
    def working_keys(self, subscriber: Subscriber) -> int:
        return subscriber.working_keys

    @admin.display(description=_("last key use"), ordering="last_key_use")
    def last_key_use(self, subscriber: Subscriber):
        return subscriber.last_key_use

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["may_issue_keys"] = self.has_issue_permission(request)
        context["has_working_key"] = obj is not None and obj.working_keys > 0
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        """From a new subscriber to its page, where its first key is issued."""
        if "_addanother" in request.POST or IS_POPUP_VAR in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(
            request,
            gettext("“%(name)s” was added. Its software can read the wire once you issue it a key.")
            % {"name": obj},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:wire_subscriber_change", args=[obj.pk]))

    def has_issue_permission(self, request) -> bool:
        return request.user.has_perm("wire.add_apikey")

    def has_revoke_permission(self, request) -> bool:
        return request.user.has_perm("wire.change_apikey")

    @admin.action(description=_("Issue a new API key"), permissions=["issue"])
    def issue_keys(self, request, queryset):
        issued = []
        for subscriber in queryset:
            row, key = keys.issue(subscriber)
            self.log_key(request, row, "added")
            issued.append((subscriber, key))
        return self.issued_page(request, issued)

    def get_urls(self):
        return [
            path(
                "<int:subscriber_id>/issue-key/",
                self.admin_site.admin_view(self.issue_key_view),
                name="wire_subscriber_issue_key",
            ),
            path(
                "<int:subscriber_id>/keys/<int:key_id>/revoke/",
                self.admin_site.admin_view(self.revoke_key_view),
                name="wire_subscriber_revoke_key",
            ),
            *super().get_urls(),
        ]

    def subscriber(self, request: HttpRequest, subscriber_id: int, *, allowed: bool) -> Subscriber:
        if not allowed:
            raise PermissionDenied
        subscriber = self.get_object(request, str(subscriber_id))
        if subscriber is None:
            raise Http404
        return subscriber

    def page(self, request: HttpRequest, template: str, subscriber=None, **context):
        context.update(opts=self.opts, original=subscriber)
        context = {**self.admin_site.each_context(request), **context}
        return TemplateResponse(request, f"admin/wire/subscriber/{template}", context)

    def issue_key_view(self, request: HttpRequest, subscriber_id: int) -> HttpResponse:
        subscriber = self.subscriber(
            request, subscriber_id, allowed=self.has_issue_permission(request)
        )
        form = IssueKeyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            row, key = keys.issue(subscriber, label=form.cleaned_data["label"])
            self.log_key(request, row, "added")
            return self.issued_page(request, [(subscriber, key)])
        title = gettext("A new API key for “%(name)s”") % {"name": subscriber}
        return self.page(request, "issue_key.html", subscriber, title=title, form=form)

    def issued_page(self, request: HttpRequest, issued: list[tuple[Subscriber, str]]):
        """The only page that ever shows these keys: only their digests are kept."""
        title = ngettext("The new API key", "The new API keys", len(issued))
        only = issued[0][0] if len(issued) == 1 else None
        return self.page(request, "key_issued.html", only, title=title, issued=issued)

    def revoke_key_view(self, request: HttpRequest, subscriber_id: int, key_id: int):
        subscriber = self.subscriber(
            request, subscriber_id, allowed=self.has_revoke_permission(request)
        )
        api_key = get_object_or_404(ApiKey, pk=key_id, subscriber=subscriber)
        if request.method == "POST":
            if api_key.revoked_at is None:
                keys.revoke(api_key)
                self.log_key(request, api_key, "changed")
            self.message_user(
                request,
                gettext("The key %(key)s is revoked: requests made with it are refused.")
                % {"key": left_to_right(api_key)},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:wire_subscriber_change", args=[subscriber.pk])
            )
        title = gettext("Revoke the key %(key)s?") % {"key": left_to_right(api_key)}
        return self.page(request, "revoke_key.html", subscriber, title=title, api_key=api_key)

    def log_key(self, request: HttpRequest, api_key: ApiKey, change: str) -> None:
        """The subscriber's history says who issued or revoked which key, and when.

        Names are stored in English, as the admin stores its own, and shown translated."""
        with translation.override(None):
            entry = {"name": str(ApiKey._meta.verbose_name), "object": str(api_key)}
            if change == "changed":
                entry["fields"] = [str(ApiKey._meta.get_field("revoked_at").verbose_name)]
        self.log_change(request, api_key.subscriber, [{change: entry}])


class DeliveryAttemptInline(ReadOnlyInline):
    model = DeliveryAttempt
    fields = ["at", "answer", "duration_ms"]
    readonly_fields = fields
    verbose_name = _("attempt")
    verbose_name_plural = _("attempts")

    @admin.display(description=_("answer"))
    def answer(self, attempt: DeliveryAttempt) -> str:
        if attempt.status_code is None:
            return attempt.error
        return f"HTTP {attempt.status_code}"


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """What was sent to which webhook, and how each try went: a log, so nothing is edited."""

    list_display = [
        "created_at",
        "subscriber",
        "address",
        "event",
        "story",
        "version",
        "status",
        "attempts",
        "next_attempt_at",
    ]
    list_filter = ["status", "event", "webhook__subscriber"]
    list_select_related = ["webhook__subscriber", "article"]
    fields = [*list_display, "delivered_at", "message_id"]
    readonly_fields = fields
    inlines = [DeliveryAttemptInline]
    actions = ["try_again_now"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request) -> bool:
        return request.user.has_perm("wire.change_delivery")

    @admin.display(description=_("subscriber"), ordering="webhook__subscriber__name")
    def subscriber(self, delivery: Delivery) -> Subscriber:
        return delivery.webhook.subscriber

    @admin.display(description=_("address"))
    def address(self, delivery: Delivery) -> str:
        return format_html('<span dir="ltr">{}</span>', delivery.webhook.url)

    @admin.display(description=_("story"))
    def story(self, delivery: Delivery) -> str:
        change = reverse("admin:articles_article_change", args=[delivery.article_id])
        return format_html('<a href="{}">{}</a>', change, delivery.article.headline)

    @admin.action(description=_("Try again now"), permissions=["retry"])
    def try_again_now(self, request, queryset):
        """One more try at once; a delivery that was given up waits for an answer again."""
        chosen = list(
            queryset.exclude(status=Delivery.Status.DELIVERED).values_list("pk", flat=True)
        )
        Delivery.objects.filter(pk__in=chosen).update(
            status=Delivery.Status.PENDING, next_attempt_at=timezone.now()
        )
        for delivery_id in chosen:
            tasks.deliver_task.enqueue(delivery_id)
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery is being tried again.",
                "%(count)d deliveries are being tried again.",
                len(chosen),
            )
            % {"count": len(chosen)},
            messages.SUCCESS,
        )
