"""Writes of innovations, their attachments and their replications.

Every function here checks permission through hubs.permissions, validates, saves with
`full_clean()` and records the acting user in the history (django-simple-history). Status changes
go through innovations.workflow.workflow_transition only; each one enqueues an email notification
once the transaction commits.
"""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from hubs import permissions
from jipp import querycache
from jipp.validation import refuse_nul_characters

from ..choices import Group
from ..exceptions import VersionConflict
from ..files import check_upload
from ..models import ASPECT_FIELDS, Attachment, Award, Innovation, InnovationSDG, Replication, ReplicationEvidence
from ..workflow import workflow_transition

logger = logging.getLogger(__name__)

RINGKASAN_MAX_WORDS = 200

# Fields a hub member may set through innovation_create / innovation_update.
INNOVATION_FIELDS = [
    "institution",
    "title",
    "title_en",
    "summary_en",
    *ASPECT_FIELDS,
    "stage",
    "innovation_type",
    "initiator",
    "implementation_started_on",
    "province",
    "regency",
    "category",
    "group",
    "video_url",
    "sinovik_id",
    "jippnas_id",
    "continuation",
    "last_verified_on",
]
REPLICATION_FIELDS = ["innovation", "adopter", "facilitating_hub", "stage", "committed_on", "live_on", "notes"]


# --- helpers -------------------------------------------------------------------------------


def normalize_title(title: str) -> str:
    """The title as compared for duplicates: case and spacing ignored."""
    return " ".join((title or "").split()).casefold()


def word_count(text: str) -> int:
    return len((text or "").split())


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved forward by whole months, clamped to the month's last day (31 Aug + 6 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - unreachable


# Slugs that would shadow a fixed path under /innovations/.
RESERVED_SLUGS = {"new", "review", "replications", "attachments"}


def _unique_slug(title: str, exclude_pk=None) -> str:
    base = slugify(title)[:120].strip("-") or "inovasi"
    if base in RESERVED_SLUGS:
        base = f"{base}-inovasi"
    taken = set(Innovation.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


def _check_content(innovation: Innovation) -> None:
    """Rules that hold for every save, draft included."""
    errors = {}
    if word_count(innovation.ringkasan) > RINGKASAN_MAX_WORDS:
        errors["ringkasan"] = _("Ringkasan paling banyak %(max)d kata; sekarang %(n)d kata.") % {
            "max": RINGKASAN_MAX_WORDS,
            "n": word_count(innovation.ringkasan),
        }
    if (
        innovation.hub_id
        and innovation.institution_id
        and not permissions.institution_in_network(innovation.institution, innovation.hub_id)
    ):
        errors["institution"] = _("Instansi ini tidak termasuk jaringan hub tersebut.")
    if innovation.regency_id and innovation.province_id and innovation.regency.province_id != innovation.province_id:
        errors["regency"] = _("Kabupaten/kota tidak berada di provinsi yang dipilih.")
    if errors:
        raise ValidationError(errors)


def _set_sdg_links(innovation: Innovation, links) -> None:
    """Replace the innovation's SDG links with `links` ([{"sdg": SDG, "relevance": str}])."""
    wanted = {}
    for link in links:
        wanted[link["sdg"].pk] = (link.get("relevance") or "").strip()
    existing = {row.sdg_id: row for row in innovation.sdg_links.all()}
    InnovationSDG.objects.filter(innovation=innovation).exclude(sdg_id__in=wanted).delete()
    for sdg_id, relevance in wanted.items():
        row = existing.get(sdg_id)
        if row is None:
            InnovationSDG.objects.create(innovation=innovation, sdg_id=sdg_id, relevance=relevance)
        elif row.relevance != relevance:
            row.relevance = relevance
            row.save(update_fields=["relevance"])


def _set_awards(innovation: Innovation, awards) -> None:
    """Replace the innovation's awards with `awards` ([{"kind", "year", "name"}])."""
    errors = []
    seen = set()
    rows = []
    for item in awards:
        award = Award(innovation=innovation, kind=item["kind"], year=item["year"], name=item.get("name", "") or "")
        if (award.kind, award.year) in seen:
            errors.append(_("Penghargaan yang sama tercantum dua kali untuk tahun yang sama."))
            continue
        seen.add((award.kind, award.year))
        try:
            award.full_clean(exclude=["innovation"], validate_unique=False)
        except ValidationError as exc:
            errors.extend(exc.messages)
        rows.append(award)
    if errors:
        raise ValidationError({"awards": errors})
    innovation.awards.all().delete()
    Award.objects.bulk_create(rows)


def _save_changed(obj, changed: list[str], user) -> None:
    """Save the changed fields and bump `version`; a save that changes no field adds no history record."""
    obj.version += 1
    if changed:
        obj._history_user = user
        obj.save(update_fields=[*changed, "version", "updated_at"])
    else:
        # The version still moves (related rows such as SDG links may have changed), without a history row.
        obj.updated_at = timezone.now()
        type(obj).objects.filter(pk=obj.pk).update(version=obj.version, updated_at=obj.updated_at)
        querycache.bump(type(obj))  # update() sends no signal: cached list counts must still move


def _enqueue_notification(event_id: int) -> None:
    from ..tasks import review_notification_send

    def send():
        review_notification_send.delay(event_id)

    # robust: a broker outage must not turn a committed transition into an error page.
    transaction.on_commit(send, robust=True)


def _transition(innovation: Innovation, user, action: str, comment: str = "", validate=None) -> Innovation:
    innovation = workflow_transition(obj=innovation, user=user, action=action, comment=comment, validate=validate)
    event = innovation.review_events.order_by("-pk").only("pk").first()
    if event is not None:
        _enqueue_notification(event.pk)
    return innovation


# --- innovations ---------------------------------------------------------------------------


@transaction.atomic
def innovation_create(*, user, data: dict) -> Innovation:
    """Create a draft innovation of an institution in the network of `data["hub"]`.

    The user must be a member (admin or editor) of that hub. `data` holds model field names
    (foreign keys as instances) plus optional "sdg_links" ([{"sdg", "relevance"}]) and "awards"
    ([{"kind", "year", "name"}]). The slug is generated from the title and made unique.
    """
    data = dict(data)
    hub = data.pop("hub", None)
    if hub is None:
        raise ValidationError({"hub": _("Pilih hub koordinator.")})
    if not permissions.can_create_for_hub(user, hub.pk):
        raise PermissionDenied(_("Anda bukan anggota hub ini."))
    sdg_links = data.pop("sdg_links", None)
    awards = data.pop("awards", None)
    unknown = set(data) - set(INNOVATION_FIELDS)
    if unknown:
        raise ValidationError({name: _("Kolom ini tidak dapat diisi.") for name in sorted(unknown)})

    innovation = Innovation(hub=hub, created_by=user, **data)
    innovation.slug = _unique_slug(innovation.title or "")
    _check_content(innovation)
    refuse_nul_characters(innovation)
    innovation.full_clean()
    innovation._history_user = user
    innovation.save()
    if sdg_links is not None:
        _set_sdg_links(innovation, sdg_links)
    if awards is not None:
        _set_awards(innovation, awards)
    return innovation


@transaction.atomic
def innovation_update(*, innovation: Innovation, user, data: dict, expected_version: int | None = None) -> Innovation:
    """Change an innovation's content; its status does not change (a published one stays published).

    Raises VersionConflict when `expected_version` is given and the row has moved on, and
    PermissionDenied unless the user is a member of its hub and the status allows editing.
    """
    current = Innovation.objects.select_for_update().get(pk=innovation.pk)
    if expected_version is not None and expected_version != current.version:
        raise VersionConflict(current.version)
    if not permissions.can_edit(user, current):
        raise PermissionDenied(_("Anda tidak dapat mengubah inovasi ini sekarang."))
    data = dict(data)
    data.pop("hub", None)  # the coordinating hub is fixed at creation
    sdg_links = data.pop("sdg_links", None)
    awards = data.pop("awards", None)
    unknown = set(data) - set(INNOVATION_FIELDS)
    if unknown:
        raise ValidationError({name: _("Kolom ini tidak dapat diisi.") for name in sorted(unknown)})

    changed = [name for name, value in data.items() if getattr(current, name) != value]
    for name in changed:
        setattr(current, name, data[name])
    if "title" in changed:
        current.slug = _unique_slug(current.title, exclude_pk=current.pk)
        changed.append("slug")
    _check_content(current)
    refuse_nul_characters(current)
    current.full_clean()
    _save_changed(current, changed, user)
    if sdg_links is not None:
        _set_sdg_links(current, sdg_links)
    if awards is not None:
        _set_awards(current, awards)
    return current


def eligibility_errors(innovation: Innovation, today: datetime.date | None = None) -> dict:
    """The KIPP eligibility gates checked on submit, as {field: [messages]} (empty when eligible)."""
    today = today or timezone.localdate()
    errors: dict[str, list] = {}
    for name in ASPECT_FIELDS:
        if not (getattr(innovation, name) or "").strip():
            errors.setdefault(name, []).append(_("Aspek ini wajib diisi sebelum diajukan."))
    if word_count(innovation.ringkasan) > RINGKASAN_MAX_WORDS:
        errors.setdefault("ringkasan", []).append(
            _("Ringkasan paling banyak %(max)d kata.") % {"max": RINGKASAN_MAX_WORDS}
        )
    if not innovation.sdg_links.exists():
        errors["sdgs"] = [_("Tautkan paling sedikit satu TPB/SDG.")]
    months = 6 if innovation.group == Group.REPLIKASI else 12
    started = innovation.implementation_started_on
    if started is None:
        errors["implementation_started_on"] = [_("Isi tanggal mulai diterapkan.")]
    elif add_months(started, months) > today:
        errors["implementation_started_on"] = [
            _("Inovasi harus sudah diterapkan paling sedikit %(months)d bulan.") % {"months": months}
        ]
    wanted = normalize_title(innovation.title)
    others = Innovation.objects.filter(institution_id=innovation.institution_id).exclude(pk=innovation.pk)
    if any(normalize_title(t) == wanted for t in others.values_list("title", flat=True)):
        errors["title"] = [_("Instansi ini sudah memiliki inovasi dengan judul yang sama.")]
    return errors


def _check_eligible(innovation: Innovation) -> None:
    errors = eligibility_errors(innovation)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def innovation_submit(*, innovation: Innovation, user) -> Innovation:
    """Submit a draft (or a revised) innovation for review after the eligibility gates pass.

    Each failed gate is a field-level ValidationError; only hub admins may submit.
    """
    return _transition(innovation, user, "submit", validate=_check_eligible)


REVIEW_ACTIONS = {"start_review", "request_revision", "publish", "reject"}


@transaction.atomic
def innovation_transition(*, innovation: Innovation, user, action: str, comment: str = "") -> Innovation:
    """Apply a reviewer's action: start_review, request_revision, publish or reject.

    request_revision and reject need a comment. "submit" is delegated to innovation_submit so that the
    eligibility gates always run. Raises PermissionDenied / ValidationError like workflow_transition.
    """
    if action == "submit":
        return innovation_submit(innovation=innovation, user=user)
    if action not in REVIEW_ACTIONS:
        raise ValidationError({"action": _("Tindakan tidak dikenal.")}, code="unknown_action")
    return _transition(innovation, user, action, comment=comment)


@transaction.atomic
def attachment_add(*, innovation: Innovation, user, file, aspect: str = "", description: str = "") -> Attachment:
    """Attach a PDF, image or Office file; its type is checked by content and its size bounded."""
    if not permissions.can_edit(user, innovation):
        raise PermissionDenied(_("Anda tidak dapat menambah lampiran pada inovasi ini."))
    if aspect and aspect not in ASPECT_FIELDS:
        raise ValidationError({"aspect": _("Aspek tidak dikenal.")})
    try:
        checked = check_upload(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from exc
    attachment = Attachment(
        innovation=innovation,
        file=checked.as_django_file(),
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=len(checked.content),
        uploaded_by=user,
        aspect=aspect,
        description=description,
    )
    attachment.full_clean()
    attachment.save()
    return attachment


# --- replications --------------------------------------------------------------------------


def _check_replication(replication: Replication, user) -> None:
    errors = {}
    if replication.innovation_id and replication.innovation.status != "published":
        errors["innovation"] = _("Hanya inovasi yang sudah terbit yang dapat direplikasi.")
    if (
        replication.innovation_id
        and replication.adopter_id
        and replication.adopter_id == replication.innovation.institution_id
    ):
        errors["adopter"] = _("Instansi pemilik tidak dapat mereplikasi inovasinya sendiri.")
    elif (
        replication.adopter_id
        and replication.facilitating_hub_id
        and not permissions.is_ministry_staff(user)
        and not permissions.institution_in_network(replication.adopter, replication.facilitating_hub_id)
        and not (replication.innovation_id and replication.innovation.hub_id == replication.facilitating_hub_id)
    ):
        # A hub facilitates replications into its own network, or of its own innovations outward.
        errors["adopter"] = _(
            "Instansi replikator harus berada di jaringan hub fasilitator, atau inovasinya milik hub itu."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def replication_create(*, user, data: dict) -> Replication:
    """Record that `data["adopter"]` replicates `data["innovation"]`, facilitated by `data["facilitating_hub"]`.

    Hub admins record replications for their hub (staff for any hub).
    """
    data = dict(data)
    hub = data.get("facilitating_hub")
    if hub is None:
        raise ValidationError({"facilitating_hub": _("Pilih hub fasilitator.")})
    if not permissions.can_record_replication(user, hub.pk):
        raise PermissionDenied(_("Anda tidak dapat mencatat replikasi untuk hub ini."))
    unknown = set(data) - set(REPLICATION_FIELDS)
    if unknown:
        raise ValidationError({name: _("Kolom ini tidak dapat diisi.") for name in sorted(unknown)})
    replication = Replication(created_by=user, **data)
    _check_replication(replication, user)
    replication.full_clean()
    replication._history_user = user
    replication.save()
    return replication


@transaction.atomic
def replication_update(
    *, replication: Replication, user, data: dict, expected_version: int | None = None
) -> Replication:
    """Change a replication's stage, dates or notes (or its parties); optimistic locking on `version`."""
    current = Replication.objects.select_for_update().get(pk=replication.pk)
    if expected_version is not None and expected_version != current.version:
        raise VersionConflict(current.version)
    if not permissions.can_edit_replication(user, current):
        raise PermissionDenied(_("Anda tidak dapat mengubah replikasi ini."))
    data = dict(data)
    unknown = set(data) - set(REPLICATION_FIELDS)
    if unknown:
        raise ValidationError({name: _("Kolom ini tidak dapat diisi.") for name in sorted(unknown)})
    if "facilitating_hub" in data and not permissions.can_record_replication(user, data["facilitating_hub"].pk):
        raise PermissionDenied(_("Anda tidak dapat memindahkan replikasi ke hub tersebut."))
    changed = [name for name, value in data.items() if getattr(current, name) != value]
    for name in changed:
        setattr(current, name, data[name])
    _check_replication(current, user)
    current.full_clean()
    _save_changed(current, changed, user)
    return current


@transaction.atomic
def replication_evidence_add(*, replication: Replication, user, file) -> ReplicationEvidence:
    """Attach a document proving a replication step (signed commitment, decree, photo); checked by content."""
    if not permissions.can_edit_replication(user, replication):
        raise PermissionDenied(_("Anda tidak dapat menambah bukti pada replikasi ini."))
    try:
        checked = check_upload(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from exc
    evidence = ReplicationEvidence(
        replication=replication,
        file=checked.as_django_file(),
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=len(checked.content),
        uploaded_by=user,
    )
    evidence.full_clean()
    evidence.save()
    return evidence
