"""The web import: an uploaded file waits (encrypted) in a draft job while the person maps its
columns, chooses its encoding and looks at a preview of the first rows as they will be
stored; then the import runs as a job with progress (see docs/people.md). The parsing and
the storing are csvimport's, the same as the command line's."""

import csv
import io
from dataclasses import dataclass, field
from typing import Any, cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from iskra.core.errors import DomainError
from iskra.network.models import Collective
from iskra.people import crypto, csvimport
from iskra.people.models import Stage
from iskra.reliability.jobs import INLINE_LIMIT, Progress, job_create, job_start
from iskra.reliability.models import Job

RUNNER = "iskra.people.importing.run_import"
PAYLOAD_CONTEXT = b"people.import"
PREVIEW_ROWS = 8
PREVIEW_BYTES = 256 * 1024
NAME_TARGETS = {"display_name", "nickname", "first_name", "last_name"}

ENCODINGS = [
    ("auto", gettext_lazy("Recognize automatically")),
    ("utf-8", gettext_lazy("UTF-8 (most programs, “CSV UTF-8” in Excel)")),
    ("cp1252", gettext_lazy("Windows-1252 (older Excel on Windows)")),
    ("latin-1", gettext_lazy("Latin-1 (ISO-8859-1)")),
]

# What each column of a file may become, in the order the screen lists them.
FIELD_LABELS = [
    ("ignore", gettext_lazy("Leave out")),
    ("display_name", gettext_lazy("Name or nickname shown in lists")),
    ("first_name", gettext_lazy("First name")),
    ("last_name", gettext_lazy("Last name")),
    ("nickname", gettext_lazy("Nickname")),
    ("legal_name", gettext_lazy("Full legal name (protected)")),
    ("phone", gettext_lazy("Phone (protected)")),
    ("email", gettext_lazy("Email (protected)")),
    ("address", gettext_lazy("Whole address (protected)")),
    ("street", gettext_lazy("Street (part of the address)")),
    ("postal_code", gettext_lazy("Postal code (part of the address)")),
    ("city", gettext_lazy("City (part of the address)")),
    ("region", gettext_lazy("State or region (part of the address)")),
    ("country", gettext_lazy("Country (part of the address)")),
    ("stage", gettext_lazy("Stage")),
    ("language", gettext_lazy("Language")),
    ("tags", gettext_lazy("Tags")),
    ("topics", gettext_lazy("Topics they care about")),
    ("first_met_on", gettext_lazy("First met on (date)")),
    ("first_met_place", gettext_lazy("Where first met")),
    ("consent", gettext_lazy("Consent to be contacted (yes/no)")),
    ("consent_channels", gettext_lazy("Consented channels")),
    ("do_not_email", gettext_lazy("Do not email (yes/no)")),
    ("do_not_phone", gettext_lazy("Do not phone (yes/no)")),
    ("workplace", gettext_lazy("Workplace")),
    ("department", gettext_lazy("Department")),
    ("shift", gettext_lazy("Shift")),
    ("assessment", gettext_lazy("Assessment (1 to 5)")),
]


class UploadError(Exception):
    """The file cannot be used; the message is for the person at the screen."""


def seal(data: bytes) -> bytes:
    return crypto.encrypt(data.decode("latin-1"), PAYLOAD_CONTEXT)


def unseal(job: Job) -> bytes:
    return crypto.decrypt(bytes(job.payload), PAYLOAD_CONTEXT).encode("latin-1")


def detect_encoding(data: bytes) -> str:
    """UTF-8 when the bytes are valid UTF-8; else Windows-1252 (what Excel on Windows writes),
    and Latin-1 for the few bytes Windows-1252 leaves undefined."""
    for encoding in ("utf-8", "cp1252"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return "latin-1"


def _codec(name: str) -> str:
    return "utf-8-sig" if name == "utf-8" else name


def _not_text(data: bytes, error: UnicodeDecodeError, name: str) -> UploadError:
    line = data[: error.start].count(b"\n") + 1
    return UploadError(
        _(
            "Line %(line)d is not %(encoding)s text. Choose another encoding (Windows-1252 "
            "is usual for files saved by Excel on Windows), or save the file as “CSV UTF-8” "
            "and choose it again."
        )
        % {"line": line, "encoding": name.upper()}
    )


def to_text(data: bytes, encoding: str) -> str:
    """The file as text, with an error that tells a web user what to do."""
    name = detect_encoding(data) if encoding == "auto" else encoding
    try:
        return data.decode(_codec(name))
    except UnicodeDecodeError as error:
        raise _not_text(data, error, name) from None


@dataclass
class Upload:
    header: list[str]
    rows: list[list[str]]
    lines: int
    encoding: str
    preset: str
    columns: list[str] = field(default_factory=list)


def check_upload(data: bytes) -> None:
    if not data.strip():
        raise UploadError(_("The file is empty."))
    if len(data) > csvimport.MAX_BYTES:
        raise UploadError(
            _("The file is larger than %(mb)d MB; split it into smaller files.")
            % {"mb": csvimport.MAX_BYTES // 2**20}
        )


def read_head(data: bytes, encoding: str) -> Upload:
    """The first line and the first rows, for the column screen (reads only the start)."""
    name = detect_encoding(data) if encoding == "auto" else encoding
    head = data[:PREVIEW_BYTES]
    try:
        text = head.decode(_codec(name))
    except UnicodeDecodeError as error:
        if len(head) == len(data) or error.start < len(head) - 4:
            raise _not_text(data, error, name) from None
        text = head[: error.start].decode(_codec(name))  # a character cut at the end
    if len(head) < len(data):
        text = text.rsplit("\n", 1)[0]  # the last line may be cut
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = [column.strip() for column in next(reader, [])]
        rows = [row for _number, row in zip(range(PREVIEW_ROWS), reader, strict=False)]
    except csv.Error as error:
        raise UploadError(_("The file is not readable as CSV: %s") % error) from None
    if not any(header):
        raise UploadError(_("The first line is empty; it should name the columns."))
    if len(header) > csvimport.MAX_COLUMNS:
        raise UploadError(
            _("The first line has %(count)d columns; at most %(max)d can be read.")
            % {"count": len(header), "max": csvimport.MAX_COLUMNS}
        )
    preset, chosen = csvimport.choose_mapping(header, "auto", None)
    return Upload(
        header=header,
        rows=rows,
        lines=data.count(b"\n"),
        encoding=name,
        preset=preset,
        columns=[chosen.get(column, "ignore") for column in header],
    )


def preset_columns(header: list[str], preset: str) -> list[str]:
    chosen = csvimport.PRESETS.get(preset, {})
    return [chosen.get(column, "ignore") for column in header]


def mapping_of(header: list[str], columns: list[str]) -> dict[str, str]:
    """csvimport's {column name: field}; a column the screen did not list is left out."""
    return {
        name: (columns[index] if index < len(columns) else "ignore")
        for index, name in enumerate(header)
    }


@dataclass
class PreviewRow:
    line: int
    values: list[tuple[str, str]]
    errors: list[str]


def preview(
    upload: Upload, columns: list[str], collective: Collective, actor: Any
) -> list[PreviewRow]:
    """The first rows as they will be stored (protected values shown only to the person
    importing them, from the file itself), or what is wrong with each."""
    chosen = [(index, target) for index, target in enumerate(columns) if target != "ignore"]
    reader = csvimport.RowReader(collective, actor, chosen)
    stages = {stage.pk: stage.label for stage in Stage.objects.all()}
    position = {name: index for index, name in enumerate(csvimport.INSERT_COLUMNS)}
    protected = {
        name: csvimport.Contact._meta.get_field(name).context()  # type: ignore[union-attr]
        for name in ("legal_name", "phone", "email", "address")
    }
    shown = []
    for number, row in enumerate(upload.rows, start=2):
        item, errors = reader.read(number, row)
        if item is None:
            shown.append(PreviewRow(number, [], [str(error) for error in errors]))
            continue
        values = item.values

        def plain(name: str, values: tuple[Any, ...] = values) -> str:
            sealed = values[position[name]]
            return crypto.decrypt(sealed, protected[name]) if sealed else ""

        pairs = [
            (_("Name"), values[position["display_name"]]),
            (_("Stage"), str(stages.get(values[position["stage_id"]], ""))),
            (_("Legal name"), plain("legal_name")),
            (_("Phone"), plain("phone")),
            (_("Email"), plain("email")),
            (_("Address"), plain("address")),
            (_("Language"), values[position["language"]]),
            (_("Tags"), ", ".join(item.tags)),
            (_("Topics"), ", ".join(item.topics)),
            (_("Workplace"), values[position["workplace"]]),
            (_("Consent"), _("yes") if values[position["consent"]] else _("no")),
        ]
        shown.append(PreviewRow(number, [(label, value) for label, value in pairs if value], []))
    return shown


def run_import(job: Job, progress: Progress) -> dict[str, Any]:
    """The job: the whole file checked, then stored in one transaction (or nothing)."""
    params = job.params
    if job.collective is None:
        raise DomainError(_("This import has no collective."))
    text = to_text(unseal(job), params["encoding"])
    total = text.count("\n")
    header = read_head(text.encode(), "utf-8").header
    progress(_("Reading and checking the rows"), 0, total, force=True)
    try:
        report = csvimport.import_contacts(
            text.encode(),
            collective=cast(Collective, job.collective),  # an import job always has one
            actor=job.created_by,
            mapping=mapping_of(header, params["columns"]),
            skip_bad_rows=params["skip_bad_rows"],
            progress=lambda line: progress(_("Reading and checking the rows"), line),
        )
    except csvimport.ImportFileError as error:
        return {"imported": 0, "errors": [str(error)]}
    progress(_("Done"), total, force=True)
    if report.imported:
        job.payload = b""
        job.save(update_fields=["payload"])
    errors = [str(error) for error in report.errors[:1000]]
    return {
        "rows": report.rows,
        "imported": report.imported,
        "bad_rows": report.bad_lines,
        "blocked": report.blocked,
        "duplicates": [
            {"line": duplicate.line, "reason": duplicate.reason, "existing": duplicate.existing_id}
            for duplicate in report.duplicates[:1000]
        ],
        "duplicate_count": len(report.duplicates),
        "errors": errors,
    }


def draft_create(
    *, actor: Any, collective: Collective, data: bytes, file_name: str, encoding: str
) -> Job:
    """Keep an uploaded file, encrypted, in a draft job while its columns are chosen."""
    check_upload(data)
    try:
        head = read_head(data, encoding)
    except UploadError:
        # Not text in the chosen encoding: the column screen says so and offers the others.
        head = read_head(data, "latin-1")
    return job_create(
        actor=actor,
        runner=RUNNER,
        title=_("Import of %(file)s into %(collective)s")
        % {"file": file_name[:80], "collective": collective.name},
        collective=collective,
        params={
            "encoding": encoding,
            "preset": head.preset,
            "columns": head.columns,
            "skip_bad_rows": False,
            "lines": head.lines,
            "result_template": "people/import_result.html",
        },
        payload=seal(data),
    )


def draft_for(*, actor: Any, collective: Collective, pk: Any) -> Job | None:
    """The person's own upload into this collective, if its columns may still be chosen."""
    job = Job.objects.filter(pk=pk, runner=RUNNER, collective=collective, created_by=actor).first()
    if job is None or not job.payload:
        return None
    return job


def draft_update(*, job: Job, params: dict[str, Any]) -> None:
    job.params = {**job.params, **params}
    job.save(update_fields=["params"])


def import_start(*, job: Job) -> None:
    """Check that the whole file reads in the chosen encoding, then run the import: in the
    request when it is small, as a job with progress when it is not."""
    if job.state in (Job.State.QUEUED, Job.State.RUNNING):
        return
    if not NAME_TARGETS & set(job.params["columns"]):
        raise UploadError(
            _("Choose the column that holds the name or nickname (or first and last names).")
        )
    to_text(unseal(job), job.params["encoding"])
    job_start(job=job, inline=job.params.get("lines", 0) <= INLINE_LIMIT)
