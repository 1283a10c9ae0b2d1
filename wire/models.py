"""Who takes the wire, with which keys, what each story is on it now, and what was sent where."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Section


class Subscriber(models.Model):
    """A newsroom, broadcaster or partner that takes the agency's stories."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Who to tell about changes to the wire.")
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("The languages of the stories it receives; none ticked means every one."),
    )
    sections = models.ManyToManyField(
        Section,
        blank=True,
        verbose_name=_("sections"),
        help_text=_("The sections whose stories it receives; none chosen means every one."),
    )
    receives_embargoed = models.BooleanField(
        _("receives embargoed stories"),
        default=False,
        help_text=_(
            "Scheduled stories reach it before their time, marked withheld until then. "
            "Only for partners bound by an embargo agreement."
        ),
    )
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        default=120,
        help_text=_("Each of its keys may make this many requests a minute; more get 429."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick to stop its keys and webhooks at once.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ApiKey(models.Model):
    """A key a subscriber's software sends as ``Authorization: Bearer …``.

    Only the key's SHA-256 digest is kept: it is shown once, when it is issued. A key is
    random enough (256 bits) that a plain digest cannot be reversed; the prefix finds the row.
    """

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="keys", verbose_name=_("subscriber")
    )
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("Which system uses it, for you.")
    )
    prefix = models.CharField(_("prefix"), max_length=12, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"nrw_{self.prefix}_…"


class WireCounter(models.Model):
    """The one row whose lock hands out change numbers in the order changes commit."""

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"change {self.value}"


class WireItem(models.Model):
    """A story as subscribers get it now: its newest version, as a ninjs document.

    ``sequence`` is the number of its last change. Numbers are handed out under the lock
    of ``WireCounter`` and the lock is held until the change commits, so a subscriber who
    has read every change up to N never later finds an earlier number appear.
    """

    class Status(models.TextChoices):
        USABLE = "usable", _("Published")
        WITHHELD = "withheld", _("Embargoed")
        CANCELED = "canceled", _("Withdrawn")

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="wire_item"
    )
    sequence = models.BigIntegerField(unique=True)
    version = models.PositiveIntegerField()
    pubstatus = models.CharField(max_length=10, choices=Status.choices)
    language = models.CharField(max_length=12)
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="+")
    embargoed_until = models.DateTimeField(null=True, blank=True)
    # Whether a usable version was ever sent: who may hear that it was withdrawn.
    was_usable = models.BooleanField(default=False)
    content_digest = models.CharField(max_length=64)
    document = models.TextField()
    changed_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(
                fields=["embargoed_until"],
                name="wire_item_embargo_idx",
                condition=models.Q(pubstatus="withheld"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article} (version {self.version}, {self.pubstatus})"


class Webhook(models.Model):
    """An HTTPS address of a subscriber's that is told of each change it may receive."""

    class Event(models.TextChoices):
        PUBLISHED = "item.published", _("A story is published")
        UPDATED = "item.updated", _("A published story changes or is corrected")
        CANCELED = "item.canceled", _("A story is withdrawn")
        EMBARGOED = "item.embargoed", _("A story is sent under embargo")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="webhooks", verbose_name=_("subscriber")
    )
    url = models.URLField(_("address"), max_length=500, help_text=_("An https:// address."))
    events = models.JSONField(_("events"), default=list, help_text=_("What it is told of."))
    secret = models.CharField(
        _("signing secret"),
        max_length=80,
        editable=False,
        help_text=_("The receiver checks each delivery's signature with it."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["subscriber", "url"]

    def __str__(self) -> str:
        return self.url


class Delivery(models.Model):
    """One event sent to one webhook, retried until it is taken or a day has passed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent again")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Given up")

    webhook = models.ForeignKey(
        Webhook, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("webhook")
    )
    message_id = models.CharField(_("message id"), max_length=40, unique=True)
    event = models.CharField(_("event"), max_length=20, choices=Webhook.Event.choices)
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", verbose_name=_("story")
    )
    version = models.PositiveIntegerField(_("version"))
    payload = models.TextField()
    created_at = models.DateTimeField(_("created"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="delivery_due_idx",
                condition=models.Q(status="pending"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} v{self.version} → {self.webhook}"


class DeliveryAttempt(models.Model):
    """One try at a delivery: what the receiver answered and how long it took."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="tries")
    at = models.DateTimeField(_("time"))
    status_code = models.PositiveSmallIntegerField(_("answer"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("response time (ms)"))
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.status_code or self.error} at {self.at:%Y-%m-%d %H:%M:%S}"
