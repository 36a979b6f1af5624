"""Serializers of the reports API: a request in, a job's state out."""

from django.urls import reverse
from rest_framework import serializers

from reports.choices import ReportFormat, ReportKind, ReportLanguage
from reports.models import ReportJob
from reports.selectors import report_job_may_download


class ReportRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    output_format = serializers.ChoiceField(choices=ReportFormat.choices, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=ReportLanguage.choices, default=ReportLanguage.ID)
    params = serializers.DictField(required=False, default=dict)

    def validate_params(self, value):
        # Scheduling keys belong to the monthly schedule, not to API clients.
        return {k: v for k, v in value.items() if k not in ("period", "email")}


class ReportJobSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()
    status_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportJob
        fields = [
            "id",
            "kind",
            "params",
            "output_format",
            "language",
            "title",
            "status",
            "progress",
            "message",
            "row_count",
            "file_size",
            "created_at",
            "started_at",
            "finished_at",
            "expires_at",
            "status_url",
            "download_url",
        ]
        read_only_fields = fields

    def _absolute(self, url):
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def get_status_url(self, obj) -> str:
        return self._absolute(reverse("reports-api:job_detail", args=[obj.pk]))

    def get_download_url(self, obj) -> str | None:
        # The download view's own rule: no URL that would answer 404.
        request = self.context.get("request")
        if request is None or not report_job_may_download(request.user, obj):
            return None
        return self._absolute(reverse("reports-api:job_download", args=[obj.pk]))
