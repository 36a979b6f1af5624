"""Writes of innovations, their attachments and their replications.

Every function here checks permission through hubs.permissions, validates, saves with
`full_clean()` and records the acting user in the history (django-simple-history). Status changes
go through innovations.workflow.workflow_transition only; each one enqueues an email notification
once the transaction commits.

Imports create rows by the thousand: innovations_bulk_create and replications_bulk_create apply the
same rules (innovation_build, replication_build) to a list of rows and write them in batches.
"""

import copy
import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from innovations.choices import Group
from innovations.files import check_upload
from innovations.models import (
    ASPECT_FIELDS,
    Attachment,
    Award,
    Innovation,
    InnovationSDG,
    Replication,
    ReplicationEvidence,
)
from innovations.workflow import REVIEW_ACTIONS, reviewable_delete, workflow_transition
from jipp import cache, permissions
from jipp.audit import published_change_record
from jipp.exceptions import RowErrors, VersionConflict
from jipp.slugs import SlugRule
from jipp.validation import refuse_nul_characters, refuse_unknown_fields

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
# What a draft may leave empty but a submission needs (the eligibility gates below): the form marks them.
SUBMIT_REQUIRED_FIELDS = [*ASPECT_FIELDS, "implementation_started_on", "sdgs"]
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
INNOVATION_SLUGS = SlugRule(
    Innovation, fallback="inovasi", reserved=frozenset({"new", "review", "replications", "attachments"})
)


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


def _wanted_links(links) -> dict:
    """{SDG id: relevance} of `links` ([{"sdg": SDG, "relevance": str}]); a goal given twice counts once."""
    return {link["sdg"].pk: (link.get("relevance") or "").strip() for link in links}


def _set_sdg_links(innovation: Innovation, links) -> None:
    """Replace the innovation's SDG links with `links` ([{"sdg": SDG, "relevance": str}])."""
    wanted = _wanted_links(links)
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
        cache.content_changed()  # update() sends no signal


def _enqueue_notification(event_id: int) -> None:
    from innovations.tasks import review_notification_send

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


# Looked up one query each by full_clean(); innovations_bulk_create checks them per batch instead.
INNOVATION_FOREIGN_KEYS = [f.name for f in Innovation._meta.concrete_fields if f.many_to_one]


def innovation_build(
    *, user, data: dict, slug: str | None = None, batch_checked: bool = False
) -> tuple[Innovation, list | None, list | None]:
    """A new draft innovation, validated but not saved, with the SDG links and awards `data` gives.

    Every rule a new innovation must pass is here, once, for innovation_create (one from a form or the
    API) and innovations_bulk_create (thousands from an import): the hub and the user's right to create
    for it (hubs.permissions), the field names, the content rules, no NUL characters, full_clean().
    The slug is a new unique one from the title unless `slug` is given. Raises ValidationError or
    PermissionDenied as innovation_create does.
    """
    data = dict(data)
    hub = data.pop("hub", None)
    if hub is None:
        raise ValidationError({"hub": _("Pilih hub koordinator.")})
    if not permissions.can_create_for_hub(user, hub.pk):
        raise PermissionDenied(_("Anda bukan anggota hub ini."))
    sdg_links = data.pop("sdg_links", None)
    awards = data.pop("awards", None)
    refuse_unknown_fields(data, INNOVATION_FIELDS)

    innovation = Innovation(hub=hub, created_by=user, **data)
    innovation.slug = slug if slug is not None else INNOVATION_SLUGS.unique(innovation.title)
    _check_content(innovation)
    refuse_nul_characters(innovation)
    if batch_checked:
        # Only for innovations_bulk_create, which has checked for the whole batch what full_clean()
        # would look up row by row: every foreign key names an existing row (one query per related
        # model), the SINOVIK and JIPPNas IDs are free (one query, and unique within the batch) and
        # the slug is unique (computed for the batch). The check constraints are left out as well:
        # once the fields pass, none of Innovation's can fail, and the database still enforces them.
        innovation.full_clean(exclude=INNOVATION_FOREIGN_KEYS, validate_unique=False, validate_constraints=False)
    else:
        innovation.full_clean()
    return innovation, sdg_links, awards


@transaction.atomic
def innovation_create(*, user, data: dict) -> Innovation:
    """Create a draft innovation of an institution in the network of `data["hub"]`.

    The user must be a member (admin or editor) of that hub. `data` holds model field names
    (foreign keys as instances) plus optional "sdg_links" ([{"sdg", "relevance"}]) and "awards"
    ([{"kind", "year", "name"}]). The slug is generated from the title and made unique.
    """
    innovation, sdg_links, awards = innovation_build(user=user, data=data)
    innovation._history_user = user
    INNOVATION_SLUGS.save(innovation, innovation.title)
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
    refuse_unknown_fields(data, INNOVATION_FIELDS)

    changed = [name for name, value in data.items() if getattr(current, name) != value]
    for name in changed:
        setattr(current, name, data[name])
    if "title" in changed:
        current.slug = INNOVATION_SLUGS.unique(current.title, exclude_pk=current.pk)
        changed.append("slug")
    _check_content(current)
    refuse_nul_characters(current)
    current.full_clean()
    if "title" in changed:
        INNOVATION_SLUGS.save(current, current.title, save=lambda: _save_changed(current, changed, user))
    else:
        _save_changed(current, changed, user)
    if sdg_links is not None:
        _set_sdg_links(current, sdg_links)
    if awards is not None:
        _set_awards(current, awards)
    published_change_record(
        obj=current,
        user=user,
        fields=[*changed, *(["sdgs"] if sdg_links is not None else []), *(["awards"] if awards is not None else [])],
    )
    return current


def eligibility_errors(innovation: Innovation, today: datetime.date | None = None, *, sdg_links=None) -> dict:
    """The KIPP eligibility gates checked on submit, as {field: [messages]} (empty when eligible).

    `sdg_links` (as innovation_create takes them) stands for the stored links of an innovation not yet
    saved, or about to change.
    """
    today = today or timezone.localdate()
    errors: dict[str, list] = {}
    for name in ASPECT_FIELDS:
        if not (getattr(innovation, name) or "").strip():
            errors.setdefault(name, []).append(_("Aspek ini wajib diisi sebelum diajukan."))
    if word_count(innovation.ringkasan) > RINGKASAN_MAX_WORDS:
        errors.setdefault("ringkasan", []).append(
            _("Ringkasan paling banyak %(max)d kata.") % {"max": RINGKASAN_MAX_WORDS}
        )
    if not (innovation.sdg_links.exists() if sdg_links is None else sdg_links):
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


def innovation_problems(*, data: dict, innovation: Innovation | None = None, submitting: bool = False) -> dict:
    """Everything the services would refuse in `data`, as {field: [messages]}, without saving anything.

    The rules of every save (_check_content) and, when `submitting`, the eligibility gates, judged on
    `innovation` (or a new one) changed by `data`. `data` may be partial: a form passes what it could
    clean, so that one answer lists every blocker at once instead of one round of errors per layer.
    innovation_create, innovation_update and innovation_submit still check for themselves.
    """
    probe = copy.copy(innovation) if innovation is not None else Innovation()
    data = dict(data)
    sdg_links = data.pop("sdg_links", None)
    hub = data.pop("hub", None)
    if innovation is None and hub is not None:
        probe.hub = hub
    for name, value in data.items():
        if name in INNOVATION_FIELDS:
            setattr(probe, name, value)
    errors: dict[str, list] = {}
    try:
        _check_content(probe)
    except ValidationError as exc:
        errors = {key: list(messages) for key, messages in exc.message_dict.items()}
    if submitting:
        if innovation is None and sdg_links is None:
            sdg_links = []
        for key, messages in eligibility_errors(probe, sdg_links=sdg_links).items():
            errors.setdefault(key, list(messages))  # a field refused by every save needs no second message
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
def innovation_delete(*, innovation: Innovation, user) -> None:
    """Delete a draft that never went to review, with its attachments and their files.

    Only the members of its hub may (jipp.permissions.can_delete); PermissionDenied otherwise.
    """
    reviewable_delete(obj=innovation, user=user, files=lambda current: [a.file for a in current.attachments.all()])


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
    published_change_record(obj=innovation, user=user, fields=["attachments"])
    return attachment


# --- replications --------------------------------------------------------------------------


def _check_replication(replication: Replication, user) -> None:
    errors = {}
    if replication.innovation_id and not replication.innovation.is_published:
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


# Looked up one query each by full_clean(); replications_bulk_create checks them per batch instead.
REPLICATION_FOREIGN_KEYS = [f.name for f in Replication._meta.concrete_fields if f.many_to_one]


def replication_build(*, user, data: dict, batch_checked: bool = False) -> Replication:
    """A new replication, validated but not saved: every rule of replication_create and
    replications_bulk_create (the hub's right, the field names, _check_replication, NUL refusal,
    full_clean())."""
    data = dict(data)
    hub = data.get("facilitating_hub")
    if hub is None:
        raise ValidationError({"facilitating_hub": _("Pilih hub fasilitator.")})
    if not permissions.can_record_replication(user, hub.pk):
        raise PermissionDenied(_("Anda tidak dapat mencatat replikasi untuk hub ini."))
    refuse_unknown_fields(data, REPLICATION_FIELDS)
    replication = Replication(created_by=user, **data)
    _check_replication(replication, user)
    refuse_nul_characters(replication)
    if batch_checked:
        # Only for replications_bulk_create, which has checked the foreign keys (one query per related
        # model) and the innovation-adopter pairs (one query, and unique within the batch) for the
        # whole batch. The check constraint on the dates is left to the database: a row breaking it
        # fails its batch's INSERT, and the batch then goes through replication_create row by row,
        # where this full_clean() names the row.
        replication.full_clean(exclude=REPLICATION_FOREIGN_KEYS, validate_unique=False, validate_constraints=False)
    else:
        replication.full_clean()
    return replication


@transaction.atomic
def replication_create(*, user, data: dict) -> Replication:
    """Record that `data["adopter"]` replicates `data["innovation"]`, facilitated by `data["facilitating_hub"]`.

    Hub admins record replications for their hub (staff for any hub).
    """
    replication = replication_build(user=user, data=data)
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
    refuse_unknown_fields(data, REPLICATION_FIELDS)
    if "facilitating_hub" in data and not permissions.can_record_replication(user, data["facilitating_hub"].pk):
        raise PermissionDenied(_("Anda tidak dapat memindahkan replikasi ke hub tersebut."))
    changed = [name for name, value in data.items() if getattr(current, name) != value]
    for name in changed:
        setattr(current, name, data[name])
    _check_replication(current, user)
    refuse_nul_characters(current)
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


# --- bulk creation (imports) ---------------------------------------------------------------

BULK_BATCH_SIZE = 500


@transaction.atomic
def innovations_bulk_create(*, user, rows: list[dict], batch_size: int = BULK_BATCH_SIZE) -> list[Innovation]:
    """Create many draft innovations at once (a spreadsheet import), under innovation_create's rules.

    `rows` are innovation_create's `data`, each validated by innovation_build. What costs a query per
    row one at a time costs one per batch here: the foreign keys, the SINOVIK and JIPPNas IDs and the
    slugs are checked for the whole batch, and the innovations, their history records (with the
    acting user) and their SDG links are written with bulk_create. All or nothing: RowErrors gives
    every refused row by its index, with what innovation_create would have raised, and nothing is
    written. Returns the innovations in the order of `rows`.
    """
    created: dict[int, Innovation] = {}
    errors: dict[int, Exception] = {}
    for start in range(0, len(rows), batch_size):
        _innovations_batch(user, rows, range(start, min(start + batch_size, len(rows))), created, errors)
    if errors:
        raise RowErrors(errors)
    if created:
        cache.content_changed()  # bulk_create sends no post_save
    return [created[i] for i in sorted(created)]


def _innovation_keys(data: dict) -> list:
    return [(name, data[name]) for name in ("sinovik_id", "jippnas_id") if data.get(name)]


def _innovation_keys_taken(keys: set) -> set:
    q = Q()
    for name in ("sinovik_id", "jippnas_id"):
        values = [value for key, value in keys if key == name]
        if values:
            q |= Q(**{f"{name}__in": values})
    if not q:
        return set()
    rows = Innovation.objects.filter(q).values_list("sinovik_id", "jippnas_id")
    return {key for sinovik, jippnas in rows for key in (("sinovik_id", sinovik), ("jippnas_id", jippnas))} & keys


def _innovations_batch(user, rows, batch, created, errors) -> None:
    in_bulk, alone, checked = _split_batch(
        Innovation,
        user,
        rows,
        batch,
        keys_of=_innovation_keys,
        taken_of=_innovation_keys_taken,
        # Awards are rare and not imported: such a row is created by itself.
        by_itself=lambda data: bool(data.get("awards")),
    )
    # Slugs for every row of the batch, refused ones included: a refused row voids the whole call, and
    # the caller (the import) calls again without it, so a slug it held is never kept.
    slugs = dict(zip(in_bulk, INNOVATION_SLUGS.unique_many([rows[i].get("title") or "" for i in in_bulk]), strict=True))
    valid = []
    for i in in_bulk:
        try:
            innovation, links, _awards = innovation_build(
                user=user, data=rows[i], slug=slugs[i], batch_checked=i in checked
            )
        except (ValidationError, PermissionDenied) as exc:
            errors[i] = exc
            continue
        valid.append((i, innovation, links))

    def insert():
        bulk_create_with_history([inn for _i, inn, _links in valid], Innovation, default_user=user)
        InnovationSDG.objects.bulk_create(
            [
                InnovationSDG(innovation=inn, sdg_id=sdg_id, relevance=relevance)
                for _i, inn, links in valid
                for sdg_id, relevance in _wanted_links(links or []).items()
            ]
        )

    _insert_batch(
        insert,
        [(i, inn) for i, inn, _links in valid],
        alone,
        created,
        errors,
        create_one=lambda i: innovation_create(user=user, data=rows[i]),
    )


@transaction.atomic
def replications_bulk_create(*, user, rows: list[dict], batch_size: int = BULK_BATCH_SIZE) -> list[Replication]:
    """Record many replications at once (a spreadsheet import), under replication_create's rules.

    As innovations_bulk_create: each row validated by replication_build, the foreign keys and the
    innovation-adopter pairs checked per batch, rows and history written with bulk_create, all or
    nothing (RowErrors). Returns the replications in the order of `rows`.
    """
    created: dict[int, Replication] = {}
    errors: dict[int, Exception] = {}
    for start in range(0, len(rows), batch_size):
        batch = range(start, min(start + batch_size, len(rows)))
        in_bulk, alone, checked = _split_batch(
            Replication, user, rows, batch, keys_of=_replication_keys, taken_of=_replication_keys_taken
        )
        valid = []
        for i in in_bulk:
            try:
                valid.append((i, replication_build(user=user, data=rows[i], batch_checked=i in checked)))
            except (ValidationError, PermissionDenied) as exc:
                errors[i] = exc
        _insert_batch(
            lambda valid=valid: bulk_create_with_history([r for _i, r in valid], Replication, default_user=user),
            valid,
            alone,
            created,
            errors,
            create_one=lambda i: replication_create(user=user, data=rows[i]),
        )
    if errors:
        raise RowErrors(errors)
    if created:
        cache.content_changed()  # bulk_create sends no post_save
    return [created[i] for i in sorted(created)]


def _replication_keys(data: dict) -> list:
    innovation, adopter = data.get("innovation"), data.get("adopter")
    return [(innovation.pk, adopter.pk)] if innovation is not None and adopter is not None else []


def _replication_keys_taken(keys: set) -> set:
    if not keys:
        return set()
    pairs = Replication.objects.filter(
        innovation_id__in={innovation for innovation, _adopter in keys},
        adopter_id__in={adopter for _innovation, adopter in keys},
    ).values_list("innovation_id", "adopter_id")
    return set(pairs) & keys


def _split_batch(model, user, rows, batch, *, keys_of, taken_of, by_itself=None) -> tuple[list, list, set]:
    """Sort a batch's rows into (validated together, created by themselves afterwards, checked).

    Created by themselves, through the single-row service once the batch is written: a row repeating a
    unique value of a row above it in the batch (the service then judges it against that row, as one
    save after another would) and rows `by_itself` picks. "Checked": rows whose foreign keys all name
    existing rows and whose unique values are free in the database, found with one query per related
    model and one for the unique values; the other rows get the full, query-per-row full_clean(),
    whose messages are the ones to show.
    """
    suspect = _unchecked_foreign_keys(model, {i: {**rows[i], "created_by": user} for i in batch})
    keys = {i: keys_of(rows[i]) for i in batch}
    taken = taken_of({key for row_keys in keys.values() for key in row_keys})
    together, alone, seen = [], [], set()
    for i in batch:
        if any(key in seen for key in keys[i]) or (by_itself and by_itself(rows[i])):
            alone.append(i)
            continue
        seen.update(keys[i])
        if taken.intersection(keys[i]):
            suspect.add(i)
        together.append(i)
    return together, alone, set(together) - suspect


def _unchecked_foreign_keys(model, rows: dict[int, dict]) -> set[int]:
    """The rows (by index) whose foreign keys full_clean() could refuse: a required one left empty, or
    one naming a row that does not exist. One query per related model for all the rows."""
    suspect = set()
    for field in model._meta.concrete_fields:
        if not field.many_to_one:
            continue
        target = field.target_field.attname
        wanted: dict = {}
        for i, data in rows.items():
            value = getattr(data.get(field.name), target, None)
            if value is None:
                if not field.blank:
                    suspect.add(i)
            else:
                wanted.setdefault(value, []).append(i)
        if not wanted:
            continue
        if field.get_limit_choices_to():
            found = set()  # a restricted choice: left to full_clean()
        else:
            found = set(
                field.related_model._base_manager.filter(**{f"{target}__in": list(wanted)}).values_list(
                    target, flat=True
                )
            )
        for value, indexes in wanted.items():
            if value not in found:
                suspect.update(indexes)
    return suspect


def _insert_batch(insert, valid: list, alone: list, created: dict, errors: dict, *, create_one) -> None:
    """Write a batch's valid rows with `insert`, then the rows to create by themselves with `create_one`."""
    try:
        if valid:
            with transaction.atomic():  # a savepoint: a refused INSERT undoes this batch only
                insert()
    except DatabaseError:
        # Something the batch's checks cannot see (a row written by someone else meanwhile, a check
        # constraint left to the database): the single-row service takes the batch's rows one by one
        # and names the row the database refuses.
        alone = sorted([*alone, *(i for i, _obj in valid)])
    else:
        created.update(valid)
    for i in alone:
        try:
            created[i] = create_one(i)
        except (ValidationError, PermissionDenied, DatabaseError) as exc:
            errors[i] = exc
