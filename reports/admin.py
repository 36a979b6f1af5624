"""Admin of report jobs (read-mostly) and of scheduled-report subscriptions.

The schedule itself (when the monthly recap runs) is a django-celery-beat PeriodicTask,
editable under "Periodic tasks" in the admin.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jipp.jobs import jobs_sweep_type
from reports import services
from reports.models import ReportJob, ReportSubscription


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "output_format", "requested_by", "status", "progress", "created_at", "finished_at"]
    list_filter = ["status", "kind", "output_format"]
    search_fields = ["title", "requested_by__username", "celery_task_id"]
    date_hierarchy = "created_at"
    list_select_related = ["requested_by"]
    readonly_fields = [f.name for f in ReportJob._meta.fields]
    actions = ["sweep_queued"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Kirim ulang pekerjaan yang masih antre"))
    def sweep_queued(self, request, queryset):
        count = jobs_sweep_type(services.REPORT_JOBS)
        self.message_user(request, _("%(n)s pekerjaan dikirim ke antrean.") % {"n": count})


@admin.register(ReportSubscription)
class ReportSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "output_format", "language", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]
