"""The reports API: request a job, read its status, download its file. The same services and
selectors as the pages: only the requester and ministry staff see a job or download its file."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from jipp.api.permissions import with_defaults
from reports import selectors, services
from reports.api.serializers import ReportJobSerializer, ReportRequestSerializer
from reports.views import job_download


class ReportJobListCreateAPIView(APIView):
    permission_classes = with_defaults(permissions.IsAuthenticated)

    @extend_schema(summary="List your report jobs", tags=["reports"], responses=ReportJobSerializer(many=True))
    def get(self, request):
        jobs = selectors.report_jobs_of(request.user)[:100]
        return Response(ReportJobSerializer(jobs, many=True, context={"request": request}).data)

    @extend_schema(
        summary="Request a report",
        tags=["reports"],
        request=ReportRequestSerializer,
        responses={202: ReportJobSerializer},
    )
    def post(self, request):
        """Queue a report job; 202 with its state. Poll `status_url` until `status` is finished."""
        serializer = ReportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            job = services.report_job_request(user=request.user, **serializer.validated_data)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        job.refresh_from_db()
        return Response(ReportJobSerializer(job, context={"request": request}).data, status=status.HTTP_202_ACCEPTED)


class ReportJobDetailAPIView(APIView):
    permission_classes = with_defaults(permissions.IsAuthenticated)

    @extend_schema(summary="One report job (poll its status)", tags=["reports"], responses=ReportJobSerializer)
    def get(self, request, pk: int):
        job = selectors.report_job_for(request.user, pk)
        if job is None:
            raise Http404
        return Response(ReportJobSerializer(job, context={"request": request}).data)


class ReportJobDownloadAPIView(APIView):
    permission_classes = with_defaults(permissions.IsAuthenticated)

    @extend_schema(
        summary="Download a finished report", tags=["reports"], responses={(200, "application/octet-stream"): bytes}
    )
    def get(self, request, pk: int):
        """The file, as an attachment; 404 for anyone but the requester and staff, or when not ready."""
        return job_download(request._request, pk)
