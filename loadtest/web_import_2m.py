"""The 2,000,000-row, 50 MB CSV through the web import, timed (see docs/benchmarks.md).

Run it against a scratch database (it creates its own collective and organizer):

    DATABASE_URL=sqlite:////tmp/import2m.sqlite3 ISKRA_DEBUG=1 ISKRA_TASKS_BACKEND=database \
        .venv/bin/iskra migrate && ... .venv/bin/python loadtest/web_import_2m.py

Each request (the upload, the column screen, the import button) must answer well within
gunicorn's 30-second timeout; the import itself runs as a job, here executed the way
`iskra worker` runs it, and its time is printed with the memory it took.
"""

import os
import resource
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iskra.settings")
django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402

from iskra.accounts.models import User  # noqa: E402
from iskra.network.models import Collective, Role  # noqa: E402
from iskra.network.services import collective_create, membership_create  # noqa: E402
from iskra.people.models import Contact  # noqa: E402
from iskra.reliability import jobs  # noqa: E402
from iskra.reliability.models import Job  # noqa: E402

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000


def main() -> None:
    root = Collective.objects.filter(slug="bench-root").first() or collective_create(
        actor=None, name="Bench", slug="bench-root", kind="international", languages=["en"]
    )
    city = Collective.objects.filter(slug="bench-city").first() or collective_create(
        actor=None, name="Bench city", slug="bench-city", kind="city", parent=root,
        country="US", languages=["en"],
    )
    user = User.objects.filter(username="bench-organizer").first()
    if user is None:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from conftest import make_user  # the test cast's helper: a user with TOTP set up

        user = make_user("bench-organizer", two_factor=True)
        membership_create(actor=None, user=user, collective=city, role=Role.ORGANIZER)
    lines = ["display_name,phone,region"]
    lines += [f"W{number},+1213{number:07d},CA" for number in range(ROWS)]
    data = ("\n".join(lines) + "\n").encode()
    print(f"{ROWS} rows, {len(data) / 1e6:.1f} MB")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    client.get("/")  # the session and its two-factor check as a signed-in organizer has
    start = time.perf_counter()
    response = client.post(
        "/people/c/bench-city/import/",
        {"file": SimpleUploadedFile("big.csv", data, "text/csv"), "encoding": "auto"},
    )
    print(f"upload request: {time.perf_counter() - start:.1f} s -> {response.status_code}")
    if response.status_code != 302:
        sys.exit(response.content.decode()[-3000:])
    columns_url = response["Location"]
    start = time.perf_counter()
    page = client.get(columns_url)
    print(f"column screen: {time.perf_counter() - start:.1f} s -> {page.status_code}")
    draft = Job.objects.order_by("-created_at").first()
    post = {f"column_{index}": target for index, target in enumerate(draft.params["columns"])}
    post.update(encoding=draft.params["encoding"], action="import")
    start = time.perf_counter()
    response = client.post(columns_url, post)
    print(f"import request: {time.perf_counter() - start:.1f} s -> {response.status_code}")
    job = Job.objects.order_by("-created_at").first()
    start = time.perf_counter()
    jobs.execute(job.pk)
    job.refresh_from_db()
    print(
        f"job: {time.perf_counter() - start:.1f} s, state {job.state}, result "
        f"{ {k: v for k, v in job.result.items() if k != 'duplicates'} }, "
        f"errors {job.errors[:3]}"
    )
    print(f"contacts: {Contact.objects.filter(collective=city).count()}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
