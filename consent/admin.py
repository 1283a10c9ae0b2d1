"""Consent records and gated scripts in the editing desk: administrators only."""

from django.contrib import admin

from consent.models import ConsentRecord, ThirdPartyScript


class AdministratorsOnlyAdmin(admin.ModelAdmin):
    """Consent proof and script injection are the administrators' business, not the desk's."""

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)


@admin.register(ConsentRecord)
class ConsentRecordAdmin(AdministratorsOnlyAdmin):
    """Proof must not be edited: records are read-only, and only pruning removes them."""

    list_display = ["decided_at", "consent_id", "policy_revision", "method", "granted", "refused"]
    list_filter = ["method", "policy_revision", "decided_at"]
    search_fields = ["consent_id"]
    date_hierarchy = "decided_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ThirdPartyScript)
class ThirdPartyScriptAdmin(AdministratorsOnlyAdmin):
    list_display = ["name", "category", "src", "enabled"]
    list_filter = ["category", "enabled"]

    def has_add_permission(self, request) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)
