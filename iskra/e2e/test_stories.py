"""The stories of DESIGN.md end to end, in a real browser at a phone's width."""

import re
import subprocess
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import Locator, Page, expect

from conftest import PASSWORD, TOTP_SECRET, make_user
from iskra.activities.models import Attendance
from iskra.conferences import services as conference_services
from iskra.conferences.models import Amendment, Decision, Motion
from iskra.distribution import queries
from iskra.distribution.models import Outing
from iskra.distribution.tests import factories
from iskra.distribution.tests.factories import ensure_stages
from iskra.e2e.conftest import PHONE, login
from iskra.e2e.pages import check_page
from iskra.network.models import Membership, Role
from iskra.network.services import collective_create, membership_create
from iskra.people import services as people
from iskra.people.models import Contact, FollowUp, Stage
from iskra.people.services import contact_create
from iskra.press import services as press
from iskra.press.models import Article, Issue, Publication
from iskra.press.tests.factories import make_editor, make_issue, make_publication, publish
from iskra.reports import services as report_services
from iskra.reports.models import Report
from iskra.reports.periods import month
from iskra.reports.tests.factories import a_day_in, outing_on, paper_for, past_month

pytestmark = pytest.mark.e2e


def test_story_7_a_seized_phone(new_phone_page, live_server, los_angeles, organizer):
    """Marisol's phone is taken at a protest. An organizer marks her account compromised from
    another device: the phone is signed out and cannot sign back in, and the exposure report
    lists exactly the contacts her account read, so that those people can be warned."""
    from iskra.people import services as people

    marisol = make_user("marisol", two_factor=True)
    membership_create(actor=None, user=marisol, collective=los_angeles, role=Role.MEMBER)
    people.ensure_stages()
    hers = [
        people.contact_create(
            actor=marisol, collective=los_angeles, display_name=name, phone="+1 213 555 0100"
        )
        for name in ("R (council campaign)", "M (Green Party sign)", "T (never opened)")
    ]
    not_hers = people.contact_create(
        actor=organizer, collective=los_angeles, display_name="Z (depot)", phone="+1 213 555 0199"
    )

    phone = new_phone_page()
    login(phone, live_server, "marisol", PASSWORD, TOTP_SECRET)
    check_page(phone)
    for contact in hers[:2]:
        phone.goto(f"{live_server.url}/people/contact/{contact.pk}/")
        expect(phone.locator("h1")).to_contain_text(contact.display_name)
        expect(phone.locator("main")).to_contain_text("+1 213-555-0100")
        check_page(phone)
    # A contact she is not responsible for: its name and stage, never its phone.
    phone.goto(f"{live_server.url}/people/contact/{not_hers.pk}/")
    expect(phone.locator("h1")).to_contain_text("Z (depot)")
    expect(phone.locator("main")).not_to_contain_text("555-0199")
    check_page(phone)

    desk = new_phone_page()
    login(desk, live_server, "alice", PASSWORD, TOTP_SECRET)
    desk.goto(f"{live_server.url}/c/los-angeles/")
    check_page(desk)
    row = desk.locator(".members li", has_text="marisol")
    desk.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Mark compromised").click()
    expect(desk.locator("h1")).to_have_text("Exposure report: marisol")
    check_page(desk)
    read = desk.locator("#read li a")
    expect(read).to_have_count(2)
    assert sorted(read.all_inner_texts()) == ["M (Green Party sign)", "R (council campaign)"]
    expect(desk.locator("#could-read")).to_contain_text("T (never opened)")
    expect(desk.locator("#could-read")).not_to_contain_text("Z (depot)")

    # The phone is signed out at once, and its saved password no longer opens the account.
    phone.goto(f"{live_server.url}/people/contact/{hers[0].pk}/")
    expect(phone).to_have_url(
        f"{live_server.url}/accounts/login/?next=/people/contact/{hers[0].pk}/"
    )
    check_page(phone)
    phone.locator("main input[name=login]").fill("marisol")
    phone.locator("main input[name=password]").fill(PASSWORD)
    phone.locator("main button[type=submit]").first.click()
    expect(phone.locator("main")).to_contain_text("not correct")
    assert "/accounts/login/" in phone.url
    check_page(phone)


STORY_1_MAX_TAPS = 16  # DESIGN.md: story 1 is one form and at most 16 taps


def test_story_1_weekly_march(phone_page, live_server, usa, los_angeles, member):
    """A member at the Palestine march logs the whole outing in one form: 30 English and 10
    Spanish copies, $12 in donations, M and R; R's follow-up comes back on its day (the
    day is today here, so that the test can watch it arrive)."""
    factories.ensure_stages()
    paper = factories.stocked_paper(usa, los_angeles, copies=600)
    follow_up_day = timezone.localdate(timezone.now(), los_angeles.zone)
    page = phone_page
    login(page, live_server, "bob", PASSWORD)
    check_page(page)
    taps = 0

    def tap(target: Locator) -> Locator:
        nonlocal taps
        taps += 1
        target.click()
        return target

    def type_over(text: str) -> None:
        page.keyboard.press("Control+A")
        page.keyboard.type(text)

    tap(page.get_by_role("link", name="Log an outing · Los Angeles"))
    expect(page.locator("h1")).to_contain_text("Log an outing")
    check_page(page)
    tap(page.get_by_label("Where"))
    page.keyboard.type("Palestine march")
    tap(page.locator(f"#id_copies_{paper.pk}_en"))
    type_over("30")
    tap(page.get_by_text("Other languages"))
    tap(page.get_by_label("español"))
    type_over("10")
    tap(page.get_by_label("Money collected"))
    page.keyboard.type("12")
    tap(page.get_by_label("Person met: name or nickname"))
    page.keyboard.type("M (Green Party sign)")
    page.get_by_label("Stage").select_option(label="Reader")
    taps += 1
    tap(page.get_by_label("What they care about"))
    page.keyboard.type("electoral college, the class nature of the state")
    tap(page.get_by_label("What you talked about"))
    page.keyboard.type("Interested.")
    tap(page.get_by_role("button", name="Add another person"))
    # The new row's name field has the focus already.
    page.keyboard.type("R")
    tap(page.get_by_label("What you talked about").nth(1))
    page.keyboard.type("Campaigning for a council candidate.")
    tap(page.get_by_label("Next step", exact=True).nth(1))
    page.keyboard.type("Wants to help produce the paper after the election")
    tap(page.get_by_label("Next step due on").nth(1)).fill(follow_up_day.isoformat())
    check_page(page)
    tap(page.get_by_role("button", name="Save the outing"))

    expect(page.locator("#summary-en")).to_have_value(
        "One comrade distributed 40 copies of Red Banner at Palestine march. "
        "We collected $12 in donations. We met two people who want to stay in touch."
    )
    expect(page.locator("#summary-es")).to_contain_text("Recaudamos $12 en donaciones.")
    expect(page.locator("#copies")).to_contain_text("English: 30")
    expect(page.locator("#copies")).to_contain_text("español: 10")
    expect(page.get_by_role("heading", name="2 people met")).to_be_visible()
    check_page(page)
    print(f"story 1: the whole outing in {taps} taps")
    assert taps <= STORY_1_MAX_TAPS

    page.get_by_role("link", name="Follow-ups").first.click()
    today = page.get_by_role("region", name="Today")
    expect(today.get_by_text("Wants to help produce the paper after the election")).to_be_visible()
    check_page(page)

    outing = Outing.objects.get()
    assert dict(outing.lines.values_list("language", "copies")) == {"en": 30, "es": 10}
    m = Contact.objects.get(display_name="M (Green Party sign)")
    assert m.stage.key == "reader"
    assert FollowUp.objects.get(contact__display_name="R").due_on == follow_up_day


def test_story_2_labor_day(phone_page, live_server, usa, los_angeles, organizer):
    """In Spanish: the secretary records the parade although the records hold only 275
    copies, moves one new friend up a stage, sends the correspondent's line to the next
    issue's drafts in each language, and records the copies that came in."""
    factories.ensure_stages()
    paper = factories.stocked_paper(usa, los_angeles, copies=275)
    pamphlet = factories.stocked_paper(
        usa, los_angeles, copies=100, slug="gaza", kind="pamphlet", names={"en": "Gaza"}
    )
    with translation.override("es"):
        friend = Stage.objects.get(key="friend").label
    organizer.language = "es"
    organizer.save(update_fields=["language"])
    page = phone_page
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "es", "url": live_server.url}]
    )
    login(page, live_server, "alice", PASSWORD, totp_secret=TOTP_SECRET)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    check_page(page, "es")

    page.get_by_role("link", name="Registrar una salida · Los Angeles").click()
    check_page(page, "es")
    page.get_by_label("Dónde").fill("desfile del Día del Trabajo")
    page.get_by_label("Amigos y amigas que ayudaron").fill("13")
    page.locator(f"#id_copies_{paper.pk}_en").fill("540")
    page.locator(f"#id_copies_{pamphlet.pk}_en").fill("100")
    page.get_by_label("Persona conocida: nombre o apodo").fill("J (llevó una pancarta)")
    page.get_by_label("Etapa").select_option(label=friend)
    page.get_by_label("De qué hablaron").fill("Quiere hacer más.")
    page.get_by_role("button", name="Añadir otra persona").click()
    page.get_by_label("Persona conocida: nombre o apodo").nth(1).fill("K (llevó un cartel)")
    page.get_by_label("Etapa").nth(1).select_option(label=friend)
    check_page(page, "es")
    page.get_by_role("button", name="Guardar la salida").click()

    expect(page.locator("#summary-es")).to_have_value(
        "Catorce camaradas y amigos repartieron 540 ejemplares de Bandera Roja y 100 folletos "
        "en desfile del Día del Trabajo. Conocimos a dos personas que quieren seguir en contacto."
    )
    check_page(page, "es")
    j = page.get_by_role("listitem").filter(has_text="J (llevó una pancarta)")
    j.get_by_role("button", name="Subir una etapa").click()
    expect(page.get_by_text("J (llevó una pancarta) está ahora en la etapa")).to_be_visible()
    check_page(page, "es")
    page.get_by_role("button", name="Enviar a los borradores del próximo número").click()
    expect(page.get_by_text("En los borradores")).to_be_visible()
    check_page(page, "es")

    page.goto(f"{live_server.url}/c/los-angeles/")
    panel = page.locator("#stock-discrepancies")
    expect(panel).to_contain_text("repartidos 540, 275 registrados")
    check_page(page, "es")
    panel.get_by_role("link", name="Registrar ejemplares recibidos").click()
    check_page(page, "es")
    page.get_by_label("De dónde vinieron").select_option(label="De otro colectivo")
    page.get_by_label("Qué colectivo los envió").select_option(label="USA")
    page.get_by_label("Ejemplares").fill("265")
    page.get_by_role("button", name="Registrar", exact=True).click()
    expect(page.get_by_text("Ejemplares registrados.")).to_be_visible()
    expect(page.locator("#discrepancies")).to_have_count(0)
    check_page(page, "es")

    outing = Outing.objects.get()
    assert outing.members.count() + outing.friends_count == 14
    stages = dict(
        Contact.objects.filter(outings_met__outing=outing).values_list("display_name", "stage__key")
    )
    assert stages == {"J (llevó una pancarta)": "supporter", "K (llevó un cartel)": "friend"}
    drafts = {article.language: article.body for article in Article.objects.all()}
    assert set(drafts) == {"en", "es"}
    assert drafts["en"].startswith("Fourteen comrades and friends distributed 540 copies")
    assert drafts["es"].startswith("Catorce camaradas y amigos repartieron 540 ejemplares")
    assert not queries.discrepancies(los_angeles)


def test_story_6_study(phone_page, live_server, los_angeles, organizer):
    """The organizer runs a study circle on State and Revolution with two contacts; after
    three sessions the suggestions page (linked from the session) moves T up a stage."""
    factories.ensure_stages()
    readers = {
        name: contact_create(actor=None, collective=los_angeles, display_name=name)
        for name in ("T (nurse, Gaza march)", "L (teacher)", "W (did not come)")
    }
    page = phone_page
    login(page, live_server, "alice", PASSWORD, totp_secret=TOTP_SECRET)
    page.get_by_role("link", name="Calendar").first.click()
    check_page(page)
    page.get_by_role("link", name="Study circle · Los Angeles").click()
    check_page(page)
    page.get_by_label("Title").fill("State and Revolution")
    page.get_by_label("Reading list").fill(
        "Lenin, State and Revolution, ch. 1\nLenin, State and Revolution, ch. 2\n"
        "Lenin, State and Revolution, ch. 3"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text("State and Revolution")
    check_page(page)
    circle_url = page.url
    start = timezone.localtime(timezone.now(), los_angeles.zone) - timedelta(days=21)
    for week in range(3):
        page.goto(circle_url)
        page.get_by_role("link", name="Add a session").click()
        check_page(page)
        when = start + timedelta(days=7 * week)
        page.get_by_label("Starts").fill(when.strftime("%Y-%m-%dT18:30"))
        page.get_by_label("Reading for this session").fill(
            f"Lenin, State and Revolution, ch. {week + 1}"
        )
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("heading", name="0 came")).to_be_visible()
        check_page(page)
        for name in ("T (nurse, Gaza march)", "L (teacher)"):
            page.get_by_label(name).check()
        page.get_by_role("button", name="Save attendance").click()
        expect(page.get_by_text("Attendance saved: 2 came.")).to_be_visible()
        expect(page.locator("#came-count")).to_have_text("2 came")
        check_page(page)

    page.get_by_role("link", name="2 suggested next stages").click()
    check_page(page)
    t = page.get_by_role("listitem").filter(has_text="T (nurse, Gaza march)")
    expect(t).to_contain_text("came 3 times")
    t.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("T (nurse, Gaza march) moved on.")).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="Collectives").first.click()
    check_page(page)
    page.get_by_role("link", name="Los Angeles", exact=True).click()
    expect(page.locator("#stage-suggestions")).to_contain_text("1 suggested next stage")
    check_page(page)

    t_contact = Contact.objects.get(pk=readers["T (nurse, Gaza march)"].pk)
    assert t_contact.stage.key == "reader"
    assert Attendance.objects.filter(attended=True).count() == 6
    assert not Attendance.objects.filter(contact=readers["W (did not come)"]).exists()
    assert re.search(r"/activities/los-angeles/circles/\d+/$", circle_url)


ITEM = "The fans in the paint shop are broken again; it was 104 degrees by booth 4."
EDITORIAL = "Every plant, one class: why the contract fight is ours everywhere"


def poppler(*command: str) -> str:
    completed = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    return completed.stdout


def visit(page: Page, url: str, language: str = "en") -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url
    check_page(page, language)


def test_story_3_workplace_newsletter(
    new_phone_page, live_server, usa, detroit, detroit_plant, tmp_path
):
    """A plant group's two-page sheet: the common editorial written once at the national
    level, plus a worker's item sent anonymously through the public form; the editor
    assembles the issue, prints the letter PDF and logs the copies handed out at the gate."""
    people.ensure_stages()
    nina = make_editor(usa, "nina")
    editorial = press.article_create(
        actor=nina,
        collective=usa,
        language="en",
        title=EDITORIAL,
        body="A contract fight at one plant is a fight at every plant.",
        kind=Article.Kind.EDITORIAL,
        shared_below=True,
    )
    publish(nina, editorial)
    earl = make_editor(detroit_plant, "earl")
    membership_create(actor=None, user=earl, collective=detroit_plant, role=Role.MEMBER)
    sheet = make_publication(
        earl,
        detroit_plant,
        slug="plant-bulletin",
        kind="newsletter",
        names={"en": "Riverside Spark"},
        languages=["en"],
        print_format="letter-sheet",
        mastheads={},
        mottos={},
    )
    issue = make_issue(earl, sheet)

    # A worker, without an account, sends an item from the link or the QR code.
    worker = new_phone_page()
    visit(worker, f"{live_server.url}/p/plant-bulletin/submit/")
    expect(worker.locator("img.qr")).to_be_visible()
    worker.get_by_label("Workplace or department").fill("Paint shop")
    worker.get_by_label("What is happening?").fill(ITEM)
    worker.get_by_role("button", name="Send").click()
    expect(worker.locator("h1")).to_have_text("Thank you")
    check_page(worker)

    # The plant's editor turns it into an article and approves it.
    editor = new_phone_page()
    login(editor, live_server, "earl", PASSWORD, TOTP_SECRET)
    visit(editor, f"{live_server.url}/press/plant-bulletin/submissions/")
    expect(editor.locator(".submission")).to_contain_text("booth 4")
    editor.get_by_role("button", name="Turn into an article").click()
    editor.get_by_label("Title").fill("Paint shop: 104 degrees")
    editor.get_by_role("button", name="Save").click()
    expect(editor.locator("h1")).to_have_text("Paint shop: 104 degrees")
    check_page(editor)
    for step in ("Send to review", "Approve"):
        editor.get_by_role("button", name=step).click()
        check_page(editor)
    item = Article.objects.get(title="Paint shop: 104 degrees")
    assert item.state == Article.State.APPROVED

    # The issue: the common editorial on the front page, the worker's item on the back.
    issue_url = f"{live_server.url}/press/plant-bulletin/{issue.number}/"
    visit(editor, issue_url)
    editor.get_by_label("Article").select_option(str(editorial.pk))
    editor.get_by_label("Front-page lead").check()
    editor.get_by_role("button", name="Place", exact=True).click()
    check_page(editor)
    editor.get_by_label("Article").select_option(str(item.pk))
    editor.locator("#id_page").fill("2")
    editor.get_by_role("button", name="Place", exact=True).click()
    expect(editor.locator(".placement")).to_have_count(2)
    check_page(editor)

    # Ready to print: until then the PDF is a proof with a first page of what is missing.
    to_editing = editor.get_by_role("button", name="Move to: Editing")
    if to_editing.count():
        to_editing.click()
    editor.get_by_role("button", name="Move to: Ready to print").click()
    expect(editor.locator(".badge.state-ready")).to_have_text("Ready to print")
    # The PDF is made by a job: its page shows the steps, then offers the file.
    editor.get_by_role("button", name="PDF (English)").click()
    expect(editor.locator("#job-progress")).to_contain_text("Done", timeout=60_000)
    check_page(editor)
    with editor.expect_download() as download:
        editor.get_by_role("link", name=re.compile(r"^Download .*-en\.pdf$")).click()
    editor.get_by_role("link", name="Back to the issue").click()
    pdf = tmp_path / "sheet.pdf"
    download.value.save_as(pdf)
    info = poppler("pdfinfo", str(pdf))
    assert "Pages:           2" in info
    assert "612 x 792 pts (letter)" in info
    front = poppler("pdftotext", "-f", "1", "-l", "1", str(pdf), "-")
    back = poppler("pdftotext", "-f", "2", "-l", "2", str(pdf), "-")
    assert "Every plant, one class" in front and "contract fight" in front
    assert "Paint shop: 104 degrees" in back and "booth 4" in back

    # Printed: the run is recorded, then the copies handed out at the gate are logged.
    for state in ("Editing", "Ready to print", "Printed"):
        editor.get_by_role("button", name=f"Move to: {state}").click()
        check_page(editor)
    editor.get_by_label("Copies").fill("300")
    editor.get_by_label("Cost").fill("24.00")
    editor.get_by_role("button", name="Record a print run").click()
    expect(editor.get_by_text("300 copies")).to_be_visible()
    assert Issue.objects.get(pk=issue.pk).state == Issue.State.PRINTED

    # Published, the sheet goes to its email subscribers: the editor watches the job send it.
    reader = press.subscriber_signup(publication=sheet, email="reader@example.org", language="en")
    press.subscriber_confirm(subscriber=reader)
    editor.get_by_role("button", name="Move to: Published").click()
    editor.once("dialog", lambda dialog: dialog.accept())
    editor.get_by_role("button", name="Send to subscribers").click()
    expect(editor.locator("#job-progress")).to_contain_text("1 of 1", timeout=60_000)
    expect(editor.get_by_text("1 copy sent.")).to_be_visible()
    check_page(editor)
    assert [message.to for message in mail.outbox] == [["reader@example.org"]]
    editor.get_by_role("link", name="Back to the issue").click()

    visit(editor, f"{live_server.url}/distribution/detroit-plant/outings/new/")
    editor.get_by_label("Where").fill("Gate 4, shift change")
    # Copies are per language of the sheet; the main language's field is the one shown.
    editor.locator(f"#id_copies_{issue.pk}_{issue.publication.main_language}").fill("120")
    editor.get_by_role("button", name="Save the outing").click()
    expect(editor.get_by_text("Gate 4, shift change").first).to_be_visible()
    check_page(editor)
    outing = Outing.objects.get()
    assert outing.collective == detroit_plant
    assert sum(line.copies for line in outing.lines.all()) == 120


SPANISH_TITLE = "Huelga de los estibadores en el puerto"
ENGLISH_TITLE = "Dockers strike at the port"


def test_story_5_international(new_phone_page, browser, live_server, usa, international):
    """Articles in several languages, linked as translations; the public archive searched in
    English and in Spanish finds the right version of each, and each links to the other."""
    eddie = make_editor(usa, "eddie")
    paper = make_publication(eddie, usa)  # Red Banner / Bandera Roja, in English and Spanish
    original = press.article_create(
        actor=eddie,
        collective=usa,
        publication=paper,
        language="en",
        title=ENGLISH_TITLE,
        body="Dockers walked out at dawn. They demand safety on the cranes.",
        dateline_place="Los Angeles",
        dateline_country="USA",
        dateline_date=date(2026, 9, 9),
        topics=["Strikes"],
    )

    # The editor translates it on her phone, names its topic in Spanish, and publishes both
    # versions.
    editor = new_phone_page()
    login(editor, live_server, "eddie", PASSWORD, TOTP_SECRET)
    visit(editor, f"{live_server.url}/press/articles/{original.pk}/")
    editor.get_by_role("link", name="Translate").click()
    check_page(editor)
    editor.get_by_label("Language").select_option("es")
    editor.get_by_label("Title").fill(SPANISH_TITLE)
    editor.get_by_label("Text (Markdown)").fill(
        "Los estibadores pararon al amanecer. Exigen seguridad en las grúas."
    )
    editor.get_by_label("The topic “Strikes” in the translation").fill("Huelgas")
    editor.get_by_role("button", name="Save the translation").click()
    expect(editor.locator("h1")).to_have_text(SPANISH_TITLE)
    check_page(editor)
    translation = Article.objects.get(translation_of=original)
    for version in (original, translation):
        visit(editor, f"{live_server.url}/press/articles/{version.pk}/")
        for step in ("Send to review", "Approve", "Publish"):
            editor.get_by_role("button", name=step).click()
            check_page(editor)
    assert set(Article.objects.values_list("state", flat=True)) == {Article.State.PUBLISHED}

    # A reader in English searches the archive.
    reader = new_phone_page()
    visit(reader, f"{live_server.url}/p/search/")
    reader.get_by_label("Words to look for").fill("dockers")
    reader.get_by_role("button", name="Search").click()
    results = reader.locator(".search-results li")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text(ENGLISH_TITLE)
    check_page(reader)

    # A reader in Spanish searches the same archive in Spanish.
    context = browser.new_context(viewport=PHONE, locale="es-ES")
    try:
        lector = context.new_page()
        visit(lector, f"{live_server.url}/p/search/", "es")
        lector.get_by_label("Palabras a buscar").fill("estibadores")
        lector.get_by_role("button", name="Buscar").click()
        results = lector.locator(".search-results li")
        expect(results).to_have_count(1)
        expect(results.first).to_contain_text(SPANISH_TITLE)
        expect(results.first).to_have_attribute("lang", "es")
        check_page(lector, "es")
        # The English word finds nothing in the Spanish archive, and the other way round.
        visit(lector, f"{live_server.url}/p/search/?q=dockers&language=es", "es")
        expect(lector.locator(".search-results li")).to_have_count(0)
        visit(lector, f"{live_server.url}/p/search/?q=estibadores&language=es", "es")
        lector.locator(".search-results a").first.click()
        expect(lector.locator("h1")).to_have_text(SPANISH_TITLE)
        expect(lector.locator("main")).to_contain_text("Huelgas")  # the topic, in Spanish
        check_page(lector, "es")
        # The translation links to the original: the same article in English, on a page
        # that is English as a whole (the public site speaks the article's language).
        lector.locator(".language-versions a[hreflang=en]").click()
        expect(lector.locator("h1")).to_have_text(ENGLISH_TITLE)
        expect(lector.locator("html")).to_have_attribute("lang", "en")
        check_page(lector)
    finally:
        context.close()


STORY_4_MOTION = (
    "The conference notes that rents rose faster than wages in every city where we work.\n\n"
    "It resolves that each city takes the paper to the tenants' meetings every week."
)


def _story_4_world(usa, los_angeles, detroit, member, detroit_member):
    """October's outings in Los Angeles and Detroit, Detroit's report already submitted,
    Chicago not reported, a USA conference with a motion and a delegate."""
    ensure_stages()
    october = past_month(2)
    issue = paper_for(usa, los_angeles, detroit)
    outing_on(member, los_angeles, issue, a_day_in(october), copies=73)
    outing_on(detroit_member, detroit, issue, a_day_in(october, 5), copies=31)
    report_services.report_submit(
        actor=None,
        report=report_services.report_open(actor=None, collective=detroit, period=october),
    )
    collective_create(
        actor=None, name="Chicago", slug="chicago", kind="city", parent=usa, languages=["en"]
    )
    centre = make_user("cruz", two_factor=True)
    membership_create(actor=None, user=centre, collective=usa, role=Role.CENTRE)
    chair = make_user("una", two_factor=True)
    membership_create(actor=None, user=chair, collective=usa, role=Role.ORGANIZER)
    november = month(october.end + timedelta(days=1))
    now = timezone.now()
    conference = conference_services.conference_create(
        actor=chair,
        collective=usa,
        title="USA conference",
        starts_on=november.start + timedelta(days=1),
        ends_on=november.start + timedelta(days=2),
        report_start=october.start,
        report_end=october.end,
        contributions_deadline=now + timedelta(days=3),
        amendments_deadline=now + timedelta(days=3),
    )
    conference_services.delegate_add(
        actor=chair, conference=conference, user=member, credited_by=los_angeles, votes=2
    )
    conference_services.delegate_add(
        actor=chair, conference=conference, user=detroit_member, credited_by=detroit, votes=1
    )
    conference_services.motion_create(
        actor=chair, conference=conference, title="On rents", text=STORY_4_MOTION, language="en"
    )
    return october, november, conference


def _pdf_text(download, tmp_path, name):
    path = tmp_path / name
    download.save_as(path)
    command = ["pdftotext", "-layout", str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603


def test_story_4_conference(
    new_phone_page,
    live_server,
    usa,
    los_angeles,
    detroit,
    organizer,
    member,
    detroit_member,
    tmp_path,
):
    october, november, conference = _story_4_world(
        usa, los_angeles, detroit, member, detroit_member
    )
    base = live_server.url

    # The Los Angeles organizer submits October's report.
    page = new_phone_page()
    login(page, live_server, "alice", PASSWORD, TOTP_SECRET)
    page.goto(f"{base}/c/los-angeles/")
    check_page(page)
    page.get_by_role("link", name="Period reports").click()
    check_page(page)
    page.locator("#id_period").fill(october.code)
    page.get_by_role("button", name="Start or open this report").click()
    expect(page.locator("#figures")).to_contain_text("73")
    check_page(page)
    page.get_by_role("link", name="Write in en").click()
    check_page(page)
    page.get_by_label("The work").fill("A march every week; the paper at two gates.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Submit the report").click()
    expect(page.locator("#report-state")).to_contain_text("SHA-256")
    check_page(page)
    la_report = Report.objects.get(collective=los_angeles)
    assert la_report.state == Report.State.SUBMITTED
    expect(page.locator("#report-state")).to_contain_text(la_report.versions.get().sha256)

    # The USA centre sees the roll-up with Detroit and who is missing, and downloads it.
    centre = new_phone_page()
    login(centre, live_server, "cruz", PASSWORD, TOTP_SECRET)
    centre.goto(f"{base}/reports/usa/")
    check_page(centre)
    centre.get_by_label("See another period").fill(october.code)
    centre.get_by_role("button", name="See", exact=True).click()
    rollup = centre.locator("#rollup")
    expect(rollup).to_contain_text("2 of 3 collectives reported")
    expect(rollup).to_contain_text("Detroit")
    expect(centre.locator("#missing")).to_contain_text("Chicago")
    expect(rollup).not_to_contain_text("alice")
    check_page(centre)
    # WeasyPrint draws the PDF in the live server's thread: slow on a busy machine.
    with centre.expect_download(timeout=60_000) as pdf:
        rollup.get_by_role("link", name="PDF").click(timeout=60_000)
    text = _pdf_text(pdf.value, tmp_path, "usa.pdf")
    assert "2 of 3 collectives reported" in text and "104" in text
    with centre.expect_download() as csv_file:
        rollup.get_by_role("link", name="CSV").click()
    csv_path = tmp_path / "usa.csv"
    csv_file.value.save_as(csv_path)
    assert "rollup,copies,104," in csv_path.read_text()

    # A delegate amends the motion before the deadline.
    delegate = new_phone_page()
    login(delegate, live_server, "bob", PASSWORD)
    delegate.goto(f"{base}/conferences/{conference.pk}/")
    check_page(delegate)
    delegate.get_by_role("link", name="1. On rents").click()
    check_page(delegate)
    form = delegate.locator("#amend")
    form.get_by_label("From line").fill("2")
    form.get_by_label("To line").fill("2")
    form.get_by_label("New text").fill("rises faster than wages, in Los Angeles above all.")
    form.get_by_role("button", name="Propose").click()
    expect(delegate.locator("#amendments")).to_contain_text("in Los Angeles above all")
    check_page(delegate)

    # The chair closes amendments, accepts the amendment and records the vote.
    chair = new_phone_page()
    login(chair, live_server, "una", PASSWORD, TOTP_SECRET)
    chair.goto(f"{base}/conferences/{conference.pk}/")
    chair.get_by_role("button", name="Close amendments").click()
    expect(chair.get_by_text("Amendments are closed.").first).to_be_visible()
    check_page(chair)
    chair.get_by_role("link", name="1. On rents").click()
    check_page(chair)
    amendment = Amendment.objects.get()
    box = chair.locator(f"#amendment-{amendment.pk}")
    box.locator("select[name=state]").select_option("accepted")
    box.get_by_role("button", name="Decide").click()
    expect(chair.locator("#text")).to_contain_text("in Los Angeles above all")
    vote = chair.locator("#vote-form")
    vote.get_by_label("How the vote was taken").select_option("counts")
    vote.locator("input[name=votes_for]").fill("4")
    vote.get_by_role("button", name="Record the vote").click()
    expect(chair.locator(".messages")).to_contain_text("the delegates hold only 3")
    vote.locator("input[name=votes_for]").fill("3")
    vote.locator("input[name=votes_against]").fill("0")
    vote.get_by_role("button", name="Record the vote").click()
    expect(chair.locator("#votes")).to_contain_text("Carried")
    check_page(chair)
    assert Motion.objects.get().state == Motion.State.ADOPTED
    decision_form = chair.locator("#decision-form")
    decision_form.locator("input[name=title]").fill("The paper at the tenants' meetings")
    decision_form.get_by_label("Responsible collective").select_option(label="Los Angeles")
    decision_form.get_by_role("button", name="Track it").click()
    expect(chair.locator(".messages")).to_contain_text("Decision tracked.")
    check_page(chair)
    assert Decision.objects.get().responsible == los_angeles

    # The decision appears in Los Angeles' next report.
    page.goto(f"{base}/reports/los-angeles/")
    check_page(page)
    page.locator("#id_period").fill(november.code)
    page.get_by_role("button", name="Start or open this report").click()
    expect(page.locator("#decisions")).to_contain_text("The paper at the tenants' meetings")
    check_page(page)


def test_story_french_factory_gate(phone_page, live_server, international):
    """A Paris member logs a factory-gate outing at the car plant with copies of the French
    paper and a person met, in French, and reads the summary sentence in French."""
    factories.ensure_stages()
    france = collective_create(
        actor=None,
        name="Section française",
        slug="france",
        kind="country",
        parent=international,
        country="FR",
        time_zone="Europe/Paris",
        languages=["fr"],
    )
    paris = collective_create(
        actor=None,
        name="Paris",
        slug="paris",
        kind="city",
        parent=france,
        country="FR",
        time_zone="Europe/Paris",
        languages=["fr"],
    )
    nadia = make_user("nadia")
    nadia.language = "fr"
    nadia.save(update_fields=["language"])
    membership_create(
        actor=None, user=nadia, collective=paris, role=Role.MEMBER, status=Membership.Status.MEMBER
    )
    Publication.objects.create(
        collective=france,
        slug="drapeau-rouge",
        kind=Publication.Kind.PAPER,
        names={"fr": "Drapeau Rouge"},
        languages=["fr"],
    )
    issue = factories.printed_issue(Publication.objects.get(slug="drapeau-rouge"), copies=500)
    factories.bundle(issue, paris, 200)

    page = phone_page
    login(page, live_server, "nadia", PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    check_page(page, "fr")

    page.get_by_role("link", name="Noter une diffusion · Paris").click()
    check_page(page, "fr")
    page.get_by_label("Où").fill("la porte de l'usine de Poissy")
    page.get_by_label("Type").select_option(label="Porte d'usine")
    page.get_by_label("Sympathisants venus aider").fill("2")
    copies = page.locator(f"#id_copies_{issue.pk}_fr")
    copies.fill("80")
    page.get_by_label("Personne rencontrée : nom ou surnom").fill("Yacine (chaîne de montage)")
    check_page(page, "fr")
    page.get_by_role("button", name="Enregistrer la diffusion").click()

    expect(page.locator("#summary-fr")).to_have_value(
        "Trois camarades et sympathisants ont diffusé 80 exemplaires de Drapeau Rouge à la "
        "porte de l'usine de Poissy. Nous avons rencontré une personne qui veut garder le "
        "contact."
    )
    check_page(page, "fr")
    outing = Outing.objects.get()
    assert outing.kind == Outing.Kind.FACTORY_GATE
    assert outing.contacts_met.get().contact.display_name == "Yacine (chaîne de montage)"

    page.get_by_role("link", name="Toutes les diffusions").click()
    check_page(page, "fr")
