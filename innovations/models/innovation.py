"""Innovations, their SDGs, categories, evidence, awards and replications."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hubs.models import Institution, Province, Regency
from innovations import uploads
from innovations.choices import (
    AwardKind,
    Continuation,
    Group,
    Initiator,
    InnovationType,
    ReplicationStage,
    ReviewStatus,
    Stage,
)
from innovations.models.workflow import Reviewable
from jipp.permissions import REPLICATION_RULES, REVIEWED_RULES, RestrictedQuerySet, Restriction

# The KIPP proposal aspects, in the order of the proposal form (DOMAIN.md, KIPP 2023 Umum).
ASPECT_FIELDS = [
    "ringkasan",
    "latar_belakang",
    "kebaruan",
    "implementasi",
    "signifikansi",
    "adaptabilitas",
    "sumber_daya",
    "strategi_keberlanjutan",
]


class SDG(models.Model):
    """One of the 17 Sustainable Development Goals (Tujuan Pembangunan Berkelanjutan, TPB)."""

    number = models.PositiveSmallIntegerField(_("nomor"), unique=True)
    name = models.CharField(_("nama"), max_length=150)
    name_en = models.CharField(_("nama (Inggris)"), max_length=150)

    class Meta:
        ordering = ["number"]
        verbose_name = _("TPB/SDG")
        verbose_name_plural = _("TPB/SDG")
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=17), name="sdg_number_range"),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Category(models.Model):
    """A competition category of one year's programme (KIPP 2021, 2022, 2025 ...): data, not code."""

    programme = models.CharField(_("program"), max_length=30, default="KIPP")
    year = models.PositiveSmallIntegerField(_("tahun"))
    name = models.CharField(_("nama"), max_length=255)
    name_en = models.CharField(_("nama (Inggris)"), max_length=255, blank=True)

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")
        constraints = [
            models.UniqueConstraint(fields=["programme", "year", "name"], name="category_unique_per_year"),
        ]

    def __str__(self):
        return f"{self.programme} {self.year}: {self.name}"


class Innovation(Reviewable):
    """A public service innovation of a member institution, described by the KIPP proposal aspects."""

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="innovations", verbose_name=_("instansi pemilik")
    )
    hub = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="hub_innovations", verbose_name=_("hub koordinator")
    )
    title = models.CharField(_("judul"), max_length=255)
    title_en = models.CharField(_("judul (Inggris)"), max_length=255, blank=True)
    summary_en = models.TextField(_("ringkasan (Inggris)"), blank=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)

    ringkasan = models.TextField(_("ringkasan"), blank=True, help_text=_("Paling banyak 200 kata."))
    latar_belakang = models.TextField(_("latar belakang dan tujuan"), blank=True)
    kebaruan = models.TextField(_("kebaruan / nilai tambah"), blank=True)
    implementasi = models.TextField(_("implementasi"), blank=True)
    signifikansi = models.TextField(_("signifikansi"), blank=True)
    adaptabilitas = models.TextField(_("adaptabilitas"), blank=True)
    sumber_daya = models.TextField(_("sumber daya"), blank=True)
    strategi_keberlanjutan = models.TextField(_("strategi keberlanjutan"), blank=True)

    stage = models.CharField(_("tahapan"), max_length=12, choices=Stage.choices, blank=True)
    innovation_type = models.CharField(_("jenis"), max_length=12, choices=InnovationType.choices, blank=True)
    initiator = models.CharField(_("inisiator"), max_length=20, choices=Initiator.choices, blank=True)
    implementation_started_on = models.DateField(_("mulai diterapkan"), null=True, blank=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="innovations",
        verbose_name=_("provinsi"),
    )
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="innovations",
        verbose_name=_("kabupaten/kota"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="innovations",
        verbose_name=_("kategori"),
    )
    group = models.CharField(_("kelompok"), max_length=10, choices=Group.choices, default=Group.UMUM)
    sdgs = models.ManyToManyField(SDG, through="InnovationSDG", related_name="innovations", verbose_name=_("TPB/SDG"))

    video_url = models.URLField(_("tautan video"), blank=True, help_text=_("Paling lama 3 menit."))
    sinovik_id = models.CharField(_("ID SINOVIK"), max_length=50, blank=True)
    jippnas_id = models.CharField(_("ID JIPPNas"), max_length=50, blank=True)
    continuation = models.CharField(
        _("keberlanjutan"), max_length=10, choices=Continuation.choices, default=Continuation.BERLANJUT
    )
    last_verified_on = models.DateField(_("terakhir diverifikasi"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("inovasi")
        verbose_name_plural = _("inovasi")
        constraints = [
            models.UniqueConstraint(
                fields=["sinovik_id"], condition=~Q(sinovik_id=""), name="innovation_unique_sinovik_id"
            ),
            models.UniqueConstraint(
                fields=["jippnas_id"], condition=~Q(jippnas_id=""), name="innovation_unique_jippnas_id"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="innovation_title_not_empty"),
            # Invariants the services keep, made the database's too: imports, the shell and bulk writes bypass them.
            models.CheckConstraint(condition=Q(status__in=ReviewStatus.values), name="innovation_status_valid"),
            models.CheckConstraint(condition=Q(version__gte=1), name="innovation_version_positive"),
        ]
        indexes = [
            models.Index(fields=["status", "hub"], name="innovation_status_hub_idx"),
            models.Index(fields=["status", "-published_at"], name="innovation_status_pub_idx"),
            # The list order (Meta.ordering), for the public list (published) and for staff (all).
            models.Index(fields=["status", "-updated_at", "id"], name="innovation_status_upd_idx"),
            models.Index(fields=["-updated_at", "id"], name="innovation_updated_idx"),
            # Covers the dashboard's counts by hub, category, province and year (index-only scans
            # instead of reading the wide rows of the whole table when its cache is cold).
            models.Index(
                fields=["status", "hub", "category", "province", "implementation_started_on", "id"],
                name="innovation_dashboard_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("innovations:innovation_detail", kwargs={"slug": self.slug})


class InnovationSDG(models.Model):
    """The link of an innovation to an SDG, with a note on how it is relevant."""

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="sdg_links")
    sdg = models.ForeignKey(SDG, on_delete=models.PROTECT, related_name="innovation_links")
    relevance = models.TextField(_("relevansi"), blank=True)

    class Meta:
        ordering = ["sdg__number"]
        verbose_name = _("keterkaitan TPB")
        verbose_name_plural = _("keterkaitan TPB")
        constraints = [models.UniqueConstraint(fields=["innovation", "sdg"], name="innovationsdg_unique")]

    def __str__(self):
        return f"{self.innovation} ↔ {self.sdg}"


class UploadedFile(models.Model):
    """Abstract base of every stored upload: the sniffed type and size, never the user's path."""

    original_name = models.CharField(_("nama berkas asli"), max_length=255)
    content_type = models.CharField(_("jenis isi"), max_length=100)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name


class Attachment(UploadedFile):
    """Evidence attached to an innovation (PDF, image or Office file), optionally for one aspect."""

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("berkas"), upload_to=uploads.attachment_path, max_length=255)
    aspect = models.CharField(
        _("aspek"), max_length=30, blank=True, choices=[(f, f.replace("_", " ")) for f in ASPECT_FIELDS]
    )
    description = models.CharField(_("keterangan"), max_length=255, blank=True)

    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(REVIEWED_RULES, through="innovation")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")


class Award(models.Model):
    """A recognition of an innovation: KIPP Top 99/45/Outstanding, PKRI, IGA or another, in a year."""

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="awards")
    kind = models.CharField(_("jenis"), max_length=20, choices=AwardKind.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    name = models.CharField(_("nama penghargaan"), max_length=255, blank=True)

    class Meta:
        ordering = ["-year", "kind"]
        verbose_name = _("penghargaan")
        verbose_name_plural = _("penghargaan")
        constraints = [
            models.UniqueConstraint(fields=["innovation", "kind", "year"], name="award_unique_per_year"),
            models.CheckConstraint(condition=Q(year__gte=2014, year__lte=2100), name="award_year_range"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}"


class Replication(models.Model):
    """An institution adopting a proven innovation, facilitated by a hub."""

    innovation = models.ForeignKey(
        Innovation, on_delete=models.PROTECT, related_name="replications", verbose_name=_("inovasi sumber")
    )
    adopter = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="adopted_replications",
        verbose_name=_("instansi replikator"),
    )
    facilitating_hub = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="facilitated_replications",
        verbose_name=_("hub fasilitator"),
    )
    stage = models.CharField(
        _("tahap"), max_length=12, choices=ReplicationStage.choices, default=ReplicationStage.KOMITMEN
    )
    committed_on = models.DateField(_("tanggal komitmen"), null=True, blank=True)
    live_on = models.DateField(_("tanggal mulai diterapkan"), null=True, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    is_demo = models.BooleanField(_("data contoh"), default=False)
    version = models.PositiveIntegerField(_("versi"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = RestrictedQuerySet.as_manager()
    # Seen with its innovation and by both hubs concerned; changed by the facilitating hub.
    restriction = Restriction(
        REPLICATION_RULES, hubs=("facilitating_hub", "innovation__hub"), status="innovation__status"
    )

    class Meta:
        ordering = ["-committed_on", "pk"]
        verbose_name = _("replikasi")
        verbose_name_plural = _("replikasi")
        constraints = [
            models.UniqueConstraint(fields=["innovation", "adopter"], name="replication_unique_adopter"),
            models.CheckConstraint(
                condition=Q(live_on__isnull=True)
                | Q(committed_on__isnull=True)
                | Q(live_on__gte=models.F("committed_on")),
                name="replication_live_after_commitment",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="replication_version_positive"),
        ]
        indexes = [
            models.Index(fields=["facilitating_hub", "stage"], name="replication_hub_stage_idx"),
            # The list order (Meta.ordering): a page reads 50 index entries, not the whole table.
            models.Index(fields=["-committed_on", "id"], name="replication_committed_idx"),
        ]

    def __str__(self):
        return f"{self.innovation} → {self.adopter}"


class ReplicationEvidence(UploadedFile):
    """A document proving a replication step (a signed commitment, a decree, photos)."""

    replication = models.ForeignKey(Replication, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("berkas"), upload_to=uploads.replication_evidence_path, max_length=255)

    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(
        REPLICATION_RULES,
        hubs=("facilitating_hub", "innovation__hub"),
        status="innovation__status",
        through="replication",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bukti replikasi")
        verbose_name_plural = _("bukti replikasi")
