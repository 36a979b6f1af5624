"""Regions, institutions, cohorts and hub designations: the registry's reference data."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hubs.choices import DatePrecision, DesignationStatus, Evidence, InstitutionKind, RegencyKind
from jipp.choices import MembershipRole


class Source(models.Model):
    """A public document that a seeded fact comes from (publisher, reference, optional URL)."""

    key = models.SlugField(_("kunci"), max_length=80, unique=True)
    publisher = models.CharField(_("penerbit"), max_length=200)
    title = models.CharField(_("judul"), max_length=300, blank=True)
    reference = models.CharField(_("rujukan"), max_length=300, blank=True)
    url = models.URLField(_("URL"), blank=True)
    published_on = models.DateField(_("tanggal terbit"), null=True, blank=True)

    class Meta:
        ordering = ["publisher", "reference"]
        verbose_name = _("sumber")
        verbose_name_plural = _("sumber")

    def __str__(self):
        parts = [self.publisher]
        if self.title:
            parts.append(f"“{self.title}”")
        if self.reference:
            parts.append(self.reference)
        if self.published_on:
            parts.append(self.published_on.isoformat())
        return ", ".join(parts)

    @property
    def link(self) -> str:
        """The address to link to: the URL when it is a web address (http or https), else "" (shown as text).

        A URL typed in a form is validated, but an import or the shell could store any scheme, and a
        `javascript:` address must never become a link."""
        scheme, _sep, rest = self.url.strip().partition(":")
        return self.url.strip() if scheme.lower() in ("http", "https") and rest.startswith("//") else ""


class Province(models.Model):
    """One of Indonesia's 38 provinces, keyed by its two-digit Kemendagri code."""

    code = models.CharField(_("kode"), max_length=2, primary_key=True)
    name = models.CharField(_("nama"), max_length=100, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[0-9]{2}$"), name="province_code_format"),
        ]

    def __str__(self):
        return self.name


class Regency(models.Model):
    """A regency (kabupaten) or city (kota), keyed by its Kemendagri code `PP.RR`."""

    code = models.CharField(_("kode"), max_length=5, primary_key=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="regencies", verbose_name=_("provinsi")
    )
    name = models.CharField(_("nama"), max_length=100)
    kind = models.CharField(_("jenis"), max_length=10, choices=RegencyKind.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[0-9]{2}\.[0-9]{2}$"), name="regency_code_format"),
            models.UniqueConstraint(fields=["province", "name"], name="regency_unique_name_per_province"),
        ]

    def __str__(self):
        return self.name


class Institution(models.Model):
    """A public body in the network: a ministry, an agency, a province or a regency/city government.

    `name` is the name as designated; when a body is reorganised it keeps that name and gets
    successors (see InstitutionSuccession). `coaching_hub` is the hub whose network it belongs to.
    """

    name = models.CharField(_("nama (sesuai penetapan)"), max_length=255)
    acronym = models.CharField(_("singkatan"), max_length=50, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=InstitutionKind.choices)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="institutions",
        verbose_name=_("provinsi"),
    )
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="institutions",
        verbose_name=_("kabupaten/kota"),
    )
    website = models.URLField(_("situs web"), blank=True)
    coaching_hub = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coached_institutions",
        verbose_name=_("hub pembina"),
        help_text=_("Hub yang membina instansi ini (jaringan hub). Kosongkan untuk hub itu sendiri."),
    )
    is_demo = models.BooleanField(_("data contoh"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="institution_unique_name_ci"),
            models.CheckConstraint(
                condition=~Q(kind=InstitutionKind.PEMPROV) | Q(province__isnull=False),
                name="institution_pemprov_has_province",
            ),
            models.CheckConstraint(
                condition=~Q(kind=InstitutionKind.PEMKABKOTA) | Q(regency__isnull=False),
                name="institution_pemkabkota_has_regency",
            ),
            models.CheckConstraint(condition=~Q(coaching_hub=models.F("pk")), name="institution_not_own_coaching_hub"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("hubs:hub_detail", kwargs={"slug": self.slug})


class InstitutionSuccession(models.Model):
    """A reorganisation: `predecessor` was continued (in part) by `successor` from `changed_on`."""

    predecessor = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="successions", verbose_name=_("pendahulu")
    )
    successor = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="predecessions", verbose_name=_("penerus")
    )
    changed_on = models.DateField(_("tanggal perubahan"))
    date_precision = models.CharField(
        _("ketelitian tanggal"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    note = models.TextField(_("catatan"), blank=True)
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sumber"))

    class Meta:
        ordering = ["changed_on", "successor__name"]
        verbose_name = _("suksesi instansi")
        verbose_name_plural = _("suksesi instansi")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="succession_not_self"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"


class Cohort(models.Model):
    """A designation round: the year, its legal basis, how many hubs it announced, and the source."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    year = models.PositiveSmallIntegerField(_("tahun"))
    name = models.CharField(_("nama"), max_length=150)
    name_en = models.CharField(_("nama (Inggris)"), max_length=150, blank=True)
    decree_number = models.CharField(_("nomor keputusan"), max_length=100, blank=True)
    decree_date = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    announced_on = models.DateField(_("tanggal pengumuman/komitmen"), null=True, blank=True)
    announced_count = models.PositiveSmallIntegerField(_("jumlah hub diumumkan"), null=True, blank=True)
    basis = models.TextField(_("dasar penetapan"), blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="cohorts", verbose_name=_("sumber"))

    class Meta:
        ordering = ["year", "announced_on", "slug"]
        verbose_name = _("angkatan")
        verbose_name_plural = _("angkatan")
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=2014, year__lte=2100), name="cohort_year_range"),
        ]

    def __str__(self):
        return self.name


class HubDesignation(models.Model):
    """An institution designated as a JIPP hub in a cohort."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="designations", verbose_name=_("instansi")
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="designations", verbose_name=_("angkatan")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DesignationStatus.choices, default=DesignationStatus.ACTIVE
    )
    evidence = models.CharField(
        _("kekuatan sumber"), max_length=10, choices=Evidence.choices, default=Evidence.CONFIRMED
    )
    profile = models.TextField(_("profil"), blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="designations", verbose_name=_("sumber"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["cohort__year", "institution__name"]
        verbose_name = _("penetapan hub")
        verbose_name_plural = _("penetapan hub")
        constraints = [
            models.UniqueConstraint(fields=["institution", "cohort"], name="designation_unique_per_cohort"),
        ]

    def __str__(self):
        return f"{self.institution} — {self.cohort}"


class HubMembership(models.Model):
    """A user's role in a hub: admins manage the hub's network, editors write drafts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_memberships", verbose_name=_("pengguna")
    )
    hub = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("hub"))
    role = models.CharField(_("peran"), max_length=10, choices=MembershipRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["hub__name", "user__username"]
        verbose_name = _("keanggotaan hub")
        verbose_name_plural = _("keanggotaan hub")
        constraints = [
            models.UniqueConstraint(fields=["user", "hub"], name="membership_unique_user_hub"),
            models.CheckConstraint(condition=Q(role__in=MembershipRole.values), name="membership_role_valid"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.hub} ({self.get_role_display()})"
