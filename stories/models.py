"""TPBIS impact stories, programmes and impact indicators.

Stories hold personal data (UU 27/2022): the beneficiary's name is public only with consent,
photos only with photo consent, and erasure clears the personal fields but keeps the figures.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hubs.models import Institution, Province, Regency, Source
from innovations import uploads
from innovations.choices import ReviewStatus
from innovations.models.innovation import Innovation, UploadedFile
from innovations.models.workflow import Reviewable
from jipp.permissions import REVIEWED_RULES, RestrictedQuerySet, Restriction
from stories.choices import AgeGroup, Gender, LibraryLevel

# What a story tells of a change in someone's life without naming or describing them: the public row,
# the API, the services and the attributes anyone who may see the story reads list these alike.
STORY_ACCOUNT_FIELDS = (
    "people_reached",
    "narrative_before",
    "narrative_after",
    "narrative_before_en",
    "narrative_after_en",
    "income_before",
    "income_after",
    "story_date",
)

# Fields that identify a person: erased on request, and never copied into the history of an erasure.
PERSONAL_FIELDS = ["beneficiary_name", "gender", "age_group", "has_disability"]


class Programme(models.Model):
    """A programme under which stories are told and indicators measured (e.g. TPBIS by Perpusnas)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=255)
    name_en = models.CharField(_("nama (Inggris)"), max_length=255, blank=True)
    acronym = models.CharField(_("singkatan"), max_length=30, blank=True)
    hub = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("hub"))
    description = models.TextField(_("deskripsi"), blank=True)
    description_en = models.TextField(_("deskripsi (Inggris)"), blank=True)
    sources = models.ManyToManyField(
        Source,
        blank=True,
        related_name="programmes",
        verbose_name=_("sumber"),
        db_table="innovations_programme_sources",
    )

    class Meta:
        db_table = "innovations_programme"
        ordering = ["name"]
        verbose_name = _("program")
        verbose_name_plural = _("program")

    def __str__(self):
        return self.acronym or self.name


class ActivityType(models.Model):
    """A kind of library activity (training, mentoring, internet access, reading programme ...)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    name_en = models.CharField(_("nama (Inggris)"), max_length=120, blank=True)

    class Meta:
        db_table = "innovations_activitytype"
        ordering = ["name"]
        verbose_name = _("jenis kegiatan")
        verbose_name_plural = _("jenis kegiatan")

    def __str__(self):
        return self.name


class ImpactStory(Reviewable):
    """The story of a person whose life changed through a library activity, told with consent."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="stories", verbose_name=_("program")
    )
    hub = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="stories", verbose_name=_("hub"))
    innovation = models.ForeignKey(
        Innovation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("inovasi terkait"),
    )
    title = models.CharField(_("judul"), max_length=255)
    title_en = models.CharField(_("judul (Inggris)"), max_length=255, blank=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)

    library_name = models.CharField(_("nama perpustakaan"), max_length=255)
    library_level = models.CharField(_("tingkat perpustakaan"), max_length=10, choices=LibraryLevel.choices)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="stories", verbose_name=_("provinsi"))
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("kabupaten/kota"),
    )

    beneficiary_name = models.CharField(_("nama penerima manfaat"), max_length=150, blank=True)
    gender = models.CharField(_("jenis kelamin"), max_length=10, choices=Gender.choices, blank=True)
    age_group = models.CharField(_("kelompok umur"), max_length=10, choices=AgeGroup.choices, blank=True)
    has_disability = models.BooleanField(_("penyandang disabilitas"), null=True, blank=True)

    consent_name_public = models.BooleanField(_("nama boleh dipublikasikan"), default=False)
    consent_photo_public = models.BooleanField(_("foto boleh dipublikasikan"), default=False)
    consent_date = models.DateField(_("tanggal persetujuan"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("persetujuan dicatat oleh"),
    )
    consent_document = models.FileField(
        _("dokumen persetujuan"), upload_to=uploads.consent_document_path, max_length=255, blank=True
    )

    activity_type = models.ForeignKey(
        ActivityType, on_delete=models.PROTECT, related_name="stories", verbose_name=_("jenis kegiatan")
    )
    people_reached = models.PositiveIntegerField(_("jumlah orang terjangkau"), default=1)
    narrative_before = models.TextField(_("kisah sebelum"))
    narrative_after = models.TextField(_("kisah sesudah"))
    narrative_before_en = models.TextField(_("kisah sebelum (Inggris)"), blank=True)
    narrative_after_en = models.TextField(_("kisah sesudah (Inggris)"), blank=True)
    income_before = models.PositiveBigIntegerField(_("pendapatan per bulan sebelum (Rp)"), null=True, blank=True)
    income_after = models.PositiveBigIntegerField(_("pendapatan per bulan sesudah (Rp)"), null=True, blank=True)
    story_date = models.DateField(_("tanggal kisah"))

    erased_at = models.DateTimeField(_("data pribadi dihapus pada"), null=True, blank=True)
    history = HistoricalRecords(
        excluded_fields=["version", *PERSONAL_FIELDS, "consent_document"],
        table_name="innovations_historicalimpactstory",
    )

    class Meta:
        db_table = "innovations_impactstory"
        ordering = ["-story_date", "pk"]
        verbose_name = _("kisah dampak")
        verbose_name_plural = _("kisah dampak")
        constraints = [
            models.CheckConstraint(condition=Q(people_reached__gte=1), name="story_people_reached_positive"),
            models.CheckConstraint(condition=~Q(title=""), name="story_title_not_empty"),
            models.CheckConstraint(condition=Q(status__in=ReviewStatus.values), name="story_status_valid"),
            models.CheckConstraint(condition=Q(version__gte=1), name="story_version_positive"),
            # An erased story keeps no personal data (UU 27/2022): the database refuses to hold both.
            models.CheckConstraint(
                condition=Q(erased_at__isnull=True)
                | Q(beneficiary_name="", gender="", age_group="", has_disability__isnull=True),
                name="story_erased_has_no_personal_data",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-story_date"], name="story_status_date_idx"),
            models.Index(fields=["programme", "status"], name="story_programme_status_idx"),
            # The list order (Meta.ordering) with its tie-breaker, for the public list.
            models.Index(fields=["status", "-story_date", "id"], name="story_status_date_id_idx"),
            # The same order without the status, for signed-in lists: staff filter on no status, and a
            # member's "published or of my hubs" is an OR that the status-led index cannot serve, so the
            # latest rows were found by sorting every story.
            models.Index(fields=["-story_date", "id"], name="story_date_id_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("stories:story_detail", kwargs={"slug": self.slug})


class StoryPhoto(UploadedFile):
    """A photo of a story, re-encoded without EXIF; public only with the story's photo consent."""

    story = models.ForeignKey(ImpactStory, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("foto"), upload_to=uploads.story_photo_path, max_length=255)
    caption = models.CharField(_("keterangan"), max_length=255, blank=True)

    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(REVIEWED_RULES, through="story")

    class Meta:
        db_table = "innovations_storyphoto"
        ordering = ["created_at", "pk"]
        verbose_name = _("foto kisah")
        verbose_name_plural = _("foto kisah")


class Indicator(models.Model):
    """An impact indicator of an innovation or of a programme, with its baseline and target."""

    innovation = models.ForeignKey(
        Innovation, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators")
    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("nama"), max_length=255)
    name_en = models.CharField(_("nama (Inggris)"), max_length=255, blank=True)
    unit = models.CharField(_("satuan"), max_length=50)
    baseline = models.DecimalField(_("nilai dasar"), max_digits=18, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=2, null=True, blank=True)
    is_demo = models.BooleanField(_("data contoh"), default=False)

    class Meta:
        db_table = "innovations_indicator"
        ordering = ["pk"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        constraints = [
            models.CheckConstraint(
                condition=(Q(innovation__isnull=False) & Q(programme__isnull=True))
                | (Q(innovation__isnull=True) & Q(programme__isnull=False)),
                name="indicator_belongs_to_one_owner",
            ),
            models.UniqueConstraint(fields=["programme", "slug"], name="indicator_unique_slug_per_programme"),
            models.UniqueConstraint(fields=["innovation", "slug"], name="indicator_unique_slug_per_innovation"),
        ]

    def __str__(self):
        return self.name


class Measurement(models.Model):
    """A value of an indicator on a date, with the source or evidence it comes from."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("tanggal"))
    value = models.DecimalField(_("nilai"), max_digits=18, decimal_places=2)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="measurements")
    evidence = models.CharField(_("bukti"), max_length=500, blank=True)
    evidence_en = models.CharField(_("bukti (Inggris)"), max_length=500, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    note_en = models.TextField(_("catatan (Inggris)"), blank=True)
    is_demo = models.BooleanField(_("data contoh"), default=False)

    class Meta:
        db_table = "innovations_measurement"
        ordering = ["indicator", "measured_on"]
        verbose_name = _("pengukuran")
        verbose_name_plural = _("pengukuran")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "measured_on"], name="measurement_unique_per_date"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.measured_on})"
