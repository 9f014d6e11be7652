"""Importing contacts from CSV, and exporting them.

The import reads the whole file first and reports every bad row by its line number. By
default it is all or nothing: one bad row and nothing is imported (the report says what to
fix). With `skip_bad_rows` the good rows are imported and the bad ones reported. Rows whose
email or phone is already in the collective (blind index), or repeats an earlier row of
the file, are reported as duplicates and not imported, in both modes. See docs/people.md.
"""

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iskra.audit.services import log_action
from iskra.core.bulk import write_rows
from iskra.network.models import Collective
from iskra.people import counts, crypto, phones
from iskra.people.models import Contact, Stage, Tag, Topic

MAX_COLUMNS = 200
MAX_FIELD = 10_000
MAX_BYTES = 50 * 1024 * 1024
BATCH = 2000
PROGRESS_LINES = 1000

# Iskra's own columns: what `export_contacts` writes and the default for imports.
ISKRA_COLUMNS = [
    "display_name",
    "stage",
    "language",
    "tags",
    "topics",
    "first_met_on",
    "first_met_place",
    "consent",
    "consent_channels",
    "workplace",
    "department",
    "shift",
    "assessment",
    "legal_name",
    "phone",
    "email",
    "address",
]
# Fields a mapping may target beyond Iskra's own: parts that are joined on the way in.
EXTRA_TARGETS = {
    "first_name",
    "last_name",
    "nickname",
    "street",
    "city",
    "postal_code",
    "region",
    "country",
    "do_not_email",
    "do_not_phone",
    "ignore",
}
TARGETS = set(ISKRA_COLUMNS) | EXTRA_TARGETS

# Column names of other systems' contact exports (CiviCRM "Export Contacts" with the
# primary fields; Action Network's activist CSV download).
PRESETS: dict[str, dict[str, str]] = {
    "iskra": {column: column for column in ISKRA_COLUMNS},
    "civicrm": {
        "Display Name": "display_name",
        "Nick Name": "nickname",
        "Nickname": "nickname",
        "First Name": "first_name",
        "Last Name": "last_name",
        "Legal Name": "legal_name",
        "Email": "email",
        "Phone": "phone",
        "Street Address": "street",
        "City": "city",
        "Postal Code": "postal_code",
        "State": "region",
        "Country": "country",
        "Preferred Language": "language",
        "Current Employer": "workplace",
        "Tag(s)": "tags",
        "Group(s)": "topics",
        "Do Not Email": "do_not_email",
        "Do Not Phone": "do_not_phone",
    },
    "actionnetwork": {
        "first_name": "first_name",
        "last_name": "last_name",
        "email": "email",
        "can2_phone": "phone",
        "Phone Number": "phone",
        "mobile_number": "phone",
        "can2_user_address": "street",
        "can2_user_city": "city",
        "zip_code": "postal_code",
        "can2_state_abbreviated": "region",
        "can2_country": "country",
        "language": "language",
        "can2_user_tags": "tags",
        # The column names of Action Network's upload template.
        "phone_number": "phone",
        "address": "street",
        "address_line": "street",
        "city": "city",
        "state": "region",
        "country": "country",
        "tags": "tags",
    },
}

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?[\d\s().-]+")
TRUE = {"1", "yes", "y", "true", "t", "x", "sí", "si", "oui"}
FALSE = {"", "0", "no", "n", "false", "f"}
YES_OR_NO = TRUE | FALSE


class ImportFileError(Exception):
    """The file as a whole cannot be read: nothing is imported."""


@dataclass
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.column}: " if self.column else ""
        return _("line %(line)d: %(where)s%(message)s") % {
            "line": self.line,
            "where": where,
            "message": self.message,
        }


@dataclass
class Duplicate:
    line: int
    reason: str
    existing_id: int | None


@dataclass
class ImportReport:
    rows: int = 0
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    preset: str = ""
    first_id: int = 0
    last_id: int = 0
    dry_run: bool = False
    skip_bad_rows: bool = False

    @property
    def bad_lines(self) -> int:
        return len({error.line for error in self.errors})

    @property
    def blocked(self) -> bool:
        """All-or-nothing mode and at least one bad row: nothing was imported."""
        return bool(self.errors) and not self.skip_bad_rows


@dataclass
class PreparedRow:
    """One valid row, as the tuple of INSERT_COLUMNS values (protected ones encrypted)."""

    line: int
    values: tuple[Any, ...]
    email_index: str
    phone_index: str
    tags: list[str]
    topics: list[str]
    pk: int = 0


# The contact columns an import writes, in the order of PreparedRow.values.
INSERT_COLUMNS = [
    "collective_id",
    "display_name",
    "search_name",
    "stage_id",
    "language",
    "first_met_on",
    "first_met_place",
    "consent",
    "consent_channels",
    "workplace",
    "department",
    "shift",
    "assessment",
    "legal_name",
    "phone",
    "email",
    "address",
    "email_index",
    "phone_index",
    "created_by_id",
    "created_at",
    "updated_at",
]


def load_mapping(path: Path) -> dict[str, str]:
    """A mapping file: JSON object {"column in the file": "iskra field"}."""
    try:
        mapping = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise ImportFileError(_("The mapping file cannot be read: %s") % error) from None
    if not isinstance(mapping, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in mapping.items()
    ):
        raise ImportFileError(_('The mapping file must be a JSON object {"column": "field"}.'))
    unknown = sorted(set(mapping.values()) - TARGETS)
    if unknown:
        raise ImportFileError(
            _("The mapping names unknown fields: %(fields)s. Known: %(known)s")
            % {"fields": ", ".join(unknown), "known": ", ".join(sorted(TARGETS))}
        )
    return mapping


def decode(data: bytes, encoding: str = "utf-8") -> str:
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(mb)d MB; split it.") % {"mb": MAX_BYTES // 2**20}
        )
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except LookupError:
        raise ImportFileError(_("Unknown encoding %s.") % encoding) from None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            _(
                "Line %(line)d is not valid %(encoding)s text. Save the file as "
                "“CSV UTF-8” or name its encoding (for example --encoding cp1252)."
            )
            % {"line": line, "encoding": encoding.replace("-sig", "").upper()}
        ) from None
    if "\x00" in text:
        # PostgreSQL refuses NUL in text (a 500 at "Import now") and SQLite would keep it.
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportFileError(
            _(
                "Line %(line)d contains a NUL character: this looks like a binary file, not "
                "CSV. Save it as “CSV UTF-8” and import that."
            )
            % {"line": line}
        )
    return text


def _reader(text: str) -> Iterator[list[str]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    csv.field_size_limit(MAX_FIELD * 4)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def choose_mapping(
    header: list[str], preset: str, mapping: dict[str, str] | None
) -> tuple[str, dict[str, str]]:
    if mapping is not None:
        return "custom", mapping
    if preset != "auto":
        if preset not in PRESETS:
            raise ImportFileError(_("Unknown preset %s.") % preset)
        return preset, PRESETS[preset]
    best = max(PRESETS, key=lambda name: len(set(header) & set(PRESETS[name])))
    return best, PRESETS[best]


class RowReader:
    """Turns one CSV row into a Contact ready to insert, or errors."""

    def __init__(self, collective: Collective, actor: Any, columns: list[tuple[int, str]]):
        self.collective = collective
        self.actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
        self.columns = columns
        self.stages = {stage.key: stage for stage in Stage.objects.all()}
        for stage in list(self.stages.values()):
            self.stages.setdefault(stage.name.casefold(), stage)
            self.stages.setdefault(stage.label.casefold(), stage)
        self.region = phones.region_of(collective)
        self.first_stage = min(self.stages.values(), key=lambda stage: stage.position)
        self.now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.adapt_date = connection.ops.adapt_datefield_value
        self.contexts = {
            name: Contact._meta.get_field(name).context()  # type: ignore[union-attr]
            for name in ("legal_name", "phone", "email", "address")
        }

    def read(self, line: int, row: list[str]) -> tuple[PreparedRow | None, list[RowError]]:
        errors: list[RowError] = []
        values: dict[str, str] = {}
        for index, target in self.columns:
            value = row[index].strip() if index < len(row) else ""
            if value[:1] == "'" and value[1:2] in FORMULA_STARTS:
                value = value[1:]  # undo the quoting of our own export
            if len(value) > MAX_FIELD:
                errors.append(RowError(line, target, _("longer than 10,000 characters")))
                continue
            if value:
                values[target] = (values[target] + " " + value) if target in values else value
        display_name = values.get("display_name") or values.get("nickname")
        if not display_name and (values.get("first_name") or values.get("last_name")):
            first = values.get("first_name", "")
            last = values.get("last_name", "")
            display_name = f"{first} {last[:1]}." if first and last else (first or last)
        if not display_name:
            errors.append(RowError(line, "display_name", _("a name or nickname is needed")))
            display_name = ""
        elif len(display_name) > 120:
            errors.append(RowError(line, "display_name", _("at most 120 characters")))
        legal_name = values.get("legal_name") or " ".join(
            part for part in (values.get("first_name"), values.get("last_name")) if part
        )
        email = values.get("email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(RowError(line, "email", _("not an email address")))
        # The same normalization as the services: E.164 in the collective's country.
        phone = phones.for_storage(values.get("phone", ""), self.region)
        if phone and not 5 <= len(crypto.normalize_phone(phone, self.region).lstrip("+")) <= 17:
            errors.append(RowError(line, "phone", _("a phone number has 5 to 17 digits")))
        address = values.get("address") or ", ".join(
            part
            for part in (
                values.get("street"),
                " ".join(p for p in (values.get("postal_code"), values.get("city")) if p),
                values.get("region"),
                values.get("country"),
            )
            if part
        )
        stage = self.first_stage
        if values.get("stage"):
            found = self.stages.get(values["stage"].casefold())
            if found is None:
                errors.append(RowError(line, "stage", _("unknown stage “%s”") % values["stage"]))
            else:
                stage = found
        assessment = None
        if values.get("assessment"):
            if values["assessment"] in ("1", "2", "3", "4", "5"):
                assessment = int(values["assessment"])
            else:
                errors.append(RowError(line, "assessment", _("must be a number from 1 to 5")))
        first_met_on = None
        if values.get("first_met_on"):
            try:
                first_met_on = date.fromisoformat(values["first_met_on"][:10])
            except ValueError:
                errors.append(RowError(line, "first_met_on", _("not a date like 2026-09-07")))
        channels = [
            channel.strip() for channel in values.get("consent_channels", "").split(",") if channel
        ]
        consent_value = values.get("consent", "").casefold()
        if consent_value not in YES_OR_NO:
            errors.append(RowError(line, "consent", _("write yes or no")))
        consent = consent_value in TRUE
        if "do_not_email" in values or "do_not_phone" in values:
            consent = True
            if values.get("do_not_email", "").casefold() in FALSE and email:
                channels.append("email")
            if values.get("do_not_phone", "").casefold() in FALSE and phone:
                channels.append("phone")
        for name, limit in [("workplace", 120), ("department", 80), ("shift", 40)]:
            if len(values.get(name, "")) > limit:
                errors.append(RowError(line, name, _("at most %d characters") % limit))
        if errors:
            return None, errors
        email_key = crypto.email_index(email) if email else ""
        phone_key = crypto.phone_index(phone, self.region) if phone else ""
        values_out = (
            self.collective.pk,
            display_name,
            crypto.normalize_name(display_name),
            stage.pk,
            values.get("language", "")[:10].lower(),
            self.adapt_date(first_met_on),
            values.get("first_met_place", "")[:200],
            consent,
            json.dumps(channels) if channels else "[]",
            values.get("workplace", ""),
            values.get("department", ""),
            values.get("shift", ""),
            assessment,
            self._seal(legal_name, "legal_name"),
            self._seal(phone, "phone"),
            self._seal(email, "email"),
            self._seal(address, "address"),
            email_key,
            phone_key,
            self.actor_id,
            self.now,
            self.now,
        )
        return PreparedRow(
            line,
            values_out,
            email_key,
            phone_key,
            _split(values.get("tags", "")),
            _split(values.get("topics", "")),
        ), []

    def _seal(self, value: str, name: str) -> bytes:
        return crypto.encrypt(value, self.contexts[name]) if value else b""


def _split(value: str) -> list[str]:
    separator = ";" if ";" in value else ("|" if "|" in value else ",")
    return [part.strip()[:60] for part in value.split(separator) if part.strip()]


def read_rows(
    data: bytes,
    *,
    collective: Collective,
    actor: Any,
    preset: str = "auto",
    mapping: dict[str, str] | None = None,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> tuple[ImportReport, list[PreparedRow]]:
    """Parse and validate the whole file; write nothing. `progress(line)` is called every
    PROGRESS_LINES lines (web imports run as jobs that show it, and may stop there)."""
    report = ImportReport()
    rows = _reader(decode(data, encoding))
    try:
        header = next(rows)
    except StopIteration:
        raise ImportFileError(_("The file is empty.")) from None
    except csv.Error as error:
        raise ImportFileError(_("Line 1 is not CSV: %s") % error) from None
    if len(header) > MAX_COLUMNS:
        raise ImportFileError(
            _(
                "The first line has %(count)d columns; at most %(max)d are read. "
                "Is this a contacts CSV file?"
            )
            % {"count": len(header), "max": MAX_COLUMNS}
        )
    header = [name.strip() for name in header]
    report.preset, chosen = choose_mapping(header, preset, mapping)
    columns = [
        (index, chosen[name])
        for index, name in enumerate(header)
        if name in chosen and chosen[name] != "ignore"
    ]
    report.ignored_columns = [name for name in header if name not in chosen]
    targets = {target for _index, target in columns}
    if not targets & {"display_name", "nickname", "first_name", "last_name"}:
        raise ImportFileError(
            _(
                "No column gives a name. The first line should name the columns, for example "
                "display_name (Iskra), “Display Name” (CiviCRM) or first_name (Action "
                "Network); or give a mapping."
            )
        )
    reader = RowReader(collective, actor, columns)
    prepared: list[PreparedRow] = []
    line = 1
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            line = rows.line_num  # type: ignore[attr-defined]
            report.errors.append(RowError(line, "", _("not readable as CSV (%s)") % error))
            break
        line = rows.line_num  # type: ignore[attr-defined]
        if progress is not None and line % PROGRESS_LINES == 0:
            progress(line)
        if not any(cell.strip() for cell in row):
            continue
        report.rows += 1
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            report.errors.append(
                RowError(
                    line,
                    "",
                    _("%(count)d fields, but the first line names %(names)d columns")
                    % {"count": len(row), "names": len(header)},
                )
            )
            continue
        item, errors = reader.read(line, row)
        if errors:
            report.errors.extend(errors)
        elif item is not None:
            prepared.append(item)
    _mark_duplicates(report, prepared, collective)
    return report, prepared


def _mark_duplicates(report: ImportReport, rows: list[PreparedRow], collective: Collective) -> None:
    existing: dict[str, int] = {}
    for pk, email_key, phone_key in Contact.objects.filter(collective=collective).values_list(
        "id", "email_index", "phone_index"
    ):
        for key in (email_key, phone_key):
            if key:
                existing[key] = pk
    seen: dict[str, int] = {}
    keep = []
    for row in rows:
        keys = [
            (key, reason)
            for key, reason in (
                (row.email_index, "email"),
                (row.phone_index, "phone"),
            )
            if key
        ]
        duplicate = None
        for key, reason in keys:
            if key in existing:
                duplicate = Duplicate(row.line, reason, existing[key])
                break
            if key in seen:
                duplicate = Duplicate(row.line, reason, None)
                break
        if duplicate is not None:
            report.duplicates.append(duplicate)
            continue
        for key, _reason in keys:
            seen[key] = row.line
        keep.append(row)
    rows[:] = keep


def import_contacts(
    data: bytes,
    *,
    collective: Collective,
    actor: Any,
    preset: str = "auto",
    mapping: dict[str, str] | None = None,
    encoding: str = "utf-8",
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    report, rows = read_rows(
        data,
        collective=collective,
        actor=actor,
        preset=preset,
        mapping=mapping,
        encoding=encoding,
        progress=progress,
    )
    report.dry_run = dry_run
    report.skip_bad_rows = skip_bad_rows
    if dry_run or report.blocked or not rows:
        return report
    with transaction.atomic():
        # The audit entry goes first: on SQLite that write takes the database's write lock,
        # so the ids allocated below cannot be taken by anybody else.
        log_action(
            "people.contact.imported",
            actor=actor,
            collective=collective,
            details={
                "rows": report.rows,
                "imported": len(rows),
                "duplicates": len(report.duplicates),
                "bad_rows": report.bad_lines,
            },
        )
        insert_rows(rows)
    report.imported = len(rows)
    report.first_id, report.last_id = rows[0].pk, rows[-1].pk
    return report


def allocate_ids(count: int) -> list[int]:
    """`count` fresh contact ids, in order, reserved for this transaction."""
    table = Contact._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        start = max(highest, found[0] if found else 0) + 1
        return list(range(start, start + count))


def insert_sql() -> str:
    table = Contact._meta.db_table
    columns = ", ".join(["id", *INSERT_COLUMNS])
    placeholders = ", ".join(["%s"] * (len(INSERT_COLUMNS) + 1))
    return f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608


def insert_rows(rows: list[PreparedRow]) -> None:
    for row, pk in zip(rows, allocate_ids(len(rows)), strict=True):
        row.pk = pk
    write_rows(
        Contact._meta.db_table, ["id", *INSERT_COLUMNS], [(row.pk, *row.values) for row in rows]
    )
    counts.adjust(Counter((row.values[0], row.values[3]) for row in rows))
    collective_ids = {row.values[0] for row in rows}
    # An import goes into one collective; its tags are that collective's.
    tags = {
        name: pk
        for collective_id in collective_ids
        for name, pk in _named(
            Tag.objects.filter(collective_id=collective_id),
            {name for row in rows if row.values[0] == collective_id for name in row.tags},
            collective_id=collective_id,
        ).items()
    }
    topics = _named(Topic.objects.all(), {name for row in rows for name in row.topics})
    for through, names, column, by_name in [
        (Contact.tags.through, "tags", "tag_id", tags),
        (Contact.topics.through, "topics", "topic_id", topics),
    ]:
        links = [(row.pk, by_name[name]) for row in rows for name in set(getattr(row, names))]
        write_rows(through._meta.db_table, ["contact_id", column], links)


def _named(rows: Any, names: set[str], **fields: Any) -> dict[str, int]:
    """Ids of the rows (Tag or Topic, narrowed) with these names, made when missing."""
    if not names:
        return {}
    model = rows.model
    found = dict(rows.filter(name__in=names).values_list("name", "id"))
    missing = names - set(found)
    model.objects.bulk_create(
        [model(name=name, **fields) for name in missing], ignore_conflicts=True
    )
    found.update(rows.filter(name__in=missing).values_list("name", "id"))
    return found


EXPORT_COLUMNS = ["id", "collective", *ISKRA_COLUMNS, "last_contact_on", "created_at"]


def export_rows(contacts: Iterable[Contact]) -> Iterator[list[str]]:
    """CSV rows (header first) of contacts, with their protected fields decrypted."""
    yield EXPORT_COLUMNS
    for contact in contacts:
        yield [
            str(contact.pk),
            contact.collective.slug,
            contact.display_name,
            contact.stage.key,
            contact.language,
            "; ".join(tag.name for tag in contact.tags.all()),
            "; ".join(topic.name for topic in contact.topics.all()),
            contact.first_met_on.isoformat() if contact.first_met_on else "",
            contact.first_met_place,
            "yes" if contact.consent else "no",
            ",".join(contact.consent_channels),
            contact.workplace,
            contact.department,
            contact.shift,
            str(contact.assessment or ""),
            contact.legal_name,
            contact.phone,
            contact.email,
            contact.address,
            contact.last_contact_on.isoformat() if contact.last_contact_on else "",
            contact.created_at.isoformat(timespec="seconds"),
        ]


def sanitize_cell(value: str) -> str:
    """Spreadsheet programs run cells starting with = + - @ as formulas: quote them
    (a phone number such as +1 313 555 0100 stays as it is)."""
    if value[:1] in FORMULA_STARTS and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value
