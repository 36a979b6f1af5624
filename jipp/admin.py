from django.contrib import admin

from jipp.models import SecurityEvent


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """The security audit log: staff read it; nobody adds, edits or deletes a row through the admin."""

    list_display = ["created_at", "kind", "user", "ip", "path"]
    list_filter = ["kind", "created_at"]
    search_fields = ["user__username", "ip", "path"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    readonly_fields = ["created_at", "kind", "user", "ip", "path", "detail"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
