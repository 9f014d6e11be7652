"""The demonstration press: the paper Red Banner (English and Spanish) with issue 1 published,
a pamphlet, and the Riverside plant group's two-sided sheet with the common editorial and
workers' items. Idempotent: what exists is left alone."""

from datetime import date
from decimal import Decimal
from typing import Any, TextIO

from django.contrib.auth import get_user_model

from iskra.network.models import Collective
from iskra.press import services
from iskra.press.demo_french import load_french_paper
from iskra.press.models import Article, Issue, Publication

MOTTOS = {
    "en": "The emancipation of the working class will only be achieved by the working class "
    "itself.",
    "es": "La emancipación de la clase obrera será obra de la clase obrera misma.",
}

# (kind, topics, place, country (en, es), date, byline, English (title, summary, body),
#  Spanish (title, summary, body)); the first one is the front-page lead.
PAPER_ARTICLES: list[dict[str, Any]] = [
    {
        "kind": Article.Kind.REPORT,
        "topics": ["Palestine", "Elections"],
        "place": "Los Angeles",
        "country": ("USA", "EE. UU."),
        "date": date(2024, 9, 9),
        "byline": "A Red Banner reader",
        "en": (
            "Ceasefire now! The marches open a new political era",
            "Every week they are in the streets. What they are not doing is campaigning.",
            "Ceasefire now! US out of the Middle East! Every week they are in the streets: "
            "chanting, waving signs, marching, discussing, building community. And taking "
            "copies of Red Banner.\n\n"
            'What they are not doing is working for either presidential candidate. "We are '
            'stuck between one genocidal party and another," one marcher told us.\n\n'
            'M carries a sign for a third-party candidate. Can she win? "She can, if enough '
            'people vote for her," M says. She wants to abolish the electoral college and the '
            "two-party system. We talked about countries with many parties, where capitalists "
            "still run the government, because elected governments in class society are part "
            "of the capitalist state. They exist to defend the interests of the ruling class.\n\n"
            "No electoral reform changes that. Elections keep alive the illusion that "
            "government is neutral rather than a dictatorship of the rich. M listened. She is "
            "interested, but she did not put down her sign.\n\n"
            'R asked how the paper is produced. He would like to help, "but not until after the '
            'election": he is campaigning for a city council candidate. That is a good example '
            "of how electoral politics divert us from organizing. We will still need help in "
            "November, and we told him so.\n\n"
            'The most popular chant is "The only solution: intifada, revolution." But what '
            "kind of revolution, and where? A student at a panel put it well: some mean ending "
            'one injustice, others mean ending capitalism. "That is the understanding we need '
            'to work for."\n\n'
            "Thirty English and ten Spanish copies went out at the last march, with twelve "
            "dollars in donations. The discussions continue next week.",
        ),
        "es": (
            "¡Alto el fuego ya! Las marchas abren una nueva era política",
            "Cada semana están en la calle. Lo que no hacen es hacer campaña.",
            "¡Alto el fuego ya! ¡EE. UU. fuera del Medio Oriente! Cada semana están en la calle: "
            "coreando, con pancartas, marchando, discutiendo, construyendo comunidad. Y "
            "llevándose ejemplares de Bandera Roja.\n\n"
            "Lo que no hacen es trabajar para ninguno de los dos candidatos presidenciales. "
            "«Estamos atrapados entre un partido genocida y otro», nos dijo un manifestante.\n\n"
            "M lleva un cartel de una candidata de un tercer partido. ¿Puede ganar? «Puede, si "
            "suficiente gente vota por ella», dice M. Quiere abolir el colegio electoral y el "
            "sistema bipartidista. Hablamos de países con muchos partidos, donde los "
            "capitalistas siguen gobernando, porque los gobiernos electos en una sociedad de "
            "clases son parte del Estado capitalista. Existen para defender los intereses de la "
            "clase dominante.\n\n"
            "Ninguna reforma electoral cambia eso. Las elecciones mantienen la ilusión de que "
            "el gobierno es neutral y no una dictadura de los ricos. M escuchó. Le interesa, "
            "pero no bajó su cartel.\n\n"
            "R preguntó cómo se produce el periódico. Quiere ayudar, «pero después de las "
            "elecciones»: hace campaña por un candidato al concejo municipal. Es un buen ejemplo "
            "de cómo la política electoral nos desvía de organizarnos. En noviembre también "
            "necesitaremos ayuda, y se lo dijimos.\n\n"
            "La consigna más popular es «La única solución: intifada, revolución». Pero ¿qué "
            "revolución, y dónde? Una estudiante lo dijo bien en un panel: unos quieren acabar "
            "con una injusticia, otros con el capitalismo. «Esa es la comprensión por la que "
            "tenemos que trabajar».\n\n"
            "En la última marcha repartimos treinta ejemplares en inglés y diez en español, con "
            "doce dólares de donaciones. Las discusiones siguen la próxima semana.",
        ),
    },
    {
        "kind": Article.Kind.EDITORIAL,
        "topics": ["Party"],
        "place": "",
        "country": ("", ""),
        "date": None,
        "byline": "",
        "en": (
            "One international workers' party, not electoral parties",
            "",
            "The working class needs a party of its own: not a machine for elections, but an "
            "organization of workers in every workplace and every country, with one program.\n\n"
            "That party does not exist yet. Pretending to be its nucleus, or waiting for some "
            "other social movement to build it, will not create it. It is built the slow way: "
            "groups in workplaces, a regular newsletter that answers the political questions of "
            "the day, and militants won to the communist program.\n\n"
            "Every copy of this paper handed out at a gate or a march is a piece of that work.",
        ),
        "es": (
            "Un partido obrero internacional, no partidos electorales",
            "",
            "La clase obrera necesita un partido propio: no una máquina electoral, sino una "
            "organización de trabajadores en cada centro de trabajo y cada país, con un solo "
            "programa.\n\n"
            "Ese partido todavía no existe. Fingir ser su núcleo, o esperar que otro movimiento "
            "social lo construya, no lo creará. Se construye por el camino lento: grupos en los "
            "centros de trabajo, un boletín regular que responde a las preguntas políticas del "
            "día y militantes ganados al programa comunista.\n\n"
            "Cada ejemplar de este periódico repartido en un portón o en una marcha es parte de "
            "ese trabajo.",
        ),
    },
    {
        "kind": Article.Kind.REPORT,
        "topics": ["Labor Day"],
        "place": "Los Angeles",
        "country": ("USA", "EE. UU."),
        "date": date(2024, 9, 2),
        "byline": "Correspondent",
        "en": (
            "Labor Day: 540 papers along the parade route",
            "Fourteen comrades and friends marched; two new friends carried signs.",
            "Fourteen comrades and friends joined the Labor Day parade with our banner. We "
            "handed out 540 copies of the paper and 100 pamphlets.\n\n"
            "Two new friends carried signs for the whole route. One of them, a warehouse "
            "worker, said she wants to do more: she will help distribute at her job.\n\n"
            "Many marchers stopped to talk about the war and about the coming election. The "
            'most common question: "If not them, then what?" Our answer is in this issue.',
        ),
        "es": (
            "Día del Trabajo: 540 periódicos a lo largo del desfile",
            "Catorce camaradas y amigos marcharon; dos nuevos amigos cargaron pancartas.",
            "Catorce camaradas y amigos se unieron al desfile del Día del Trabajo con nuestra "
            "manta. Repartimos 540 ejemplares del periódico y 100 folletos.\n\n"
            "Dos nuevos amigos cargaron pancartas todo el recorrido. Una de ellas, trabajadora "
            "de bodega, dijo que quiere hacer más: ayudará a repartir en su trabajo.\n\n"
            "Muchos manifestantes se detuvieron a hablar de la guerra y de las próximas "
            "elecciones. La pregunta más común: «Si no son ellos, ¿entonces qué?». Nuestra "
            "respuesta está en este número.",
        ),
    },
    {
        "kind": Article.Kind.ANALYSIS,
        "topics": ["Elections", "State"],
        "place": "",
        "country": ("", ""),
        "date": None,
        "byline": "Study group",
        "en": (
            "What is the state? Not a neutral referee",
            "Reading Lenin at the study circle.",
            "Our study circle is reading *State and Revolution*. Its first lesson is simple: the "
            "state arises where class antagonisms cannot be reconciled. It is not a referee "
            "standing above the classes but an instrument of the ruling one.\n\n"
            "Police at a picket line, courts that enforce evictions, laws that make strikes "
            "illegal: these are not accidents of bad government. They are what the state is "
            "for. That is why changing who sits in the government does not change whom it "
            "serves.",
        ),
        "es": (
            "¿Qué es el Estado? No un árbitro neutral",
            "Leyendo a Lenin en el círculo de estudio.",
            "Nuestro círculo de estudio lee *El Estado y la revolución*. Su primera lección es "
            "sencilla: el Estado surge donde los antagonismos de clase no pueden conciliarse. "
            "No es un árbitro por encima de las clases sino un instrumento de la dominante.\n\n"
            "La policía en un piquete, los tribunales que ejecutan desalojos, las leyes que "
            "prohíben huelgas: no son accidentes de un mal gobierno. Son para lo que sirve el "
            "Estado. Por eso cambiar quién ocupa el gobierno no cambia a quién sirve.",
        ),
    },
    {
        "kind": Article.Kind.LETTER,
        "topics": ["Health care"],
        "place": "",
        "country": ("", ""),
        "date": None,
        "byline": "A nurse in Los Angeles",
        "en": (
            "Letter: short-staffed again",
            "",
            "Last night there were four of us for thirty-two patients. Management calls it "
            '"flexibility". A patient fell while we were busy with another emergency.\n\n'
            "We are told to be grateful for our jobs. I am grateful for my co-workers, who "
            "stayed two hours past the end of the shift without pay. Your paper was in the "
            "break room the next morning, and we read the article on the state out loud.",
        ),
        "es": (
            "Carta: otra vez sin personal",
            "",
            "Anoche éramos cuatro para treinta y dos pacientes. La gerencia lo llama "
            "«flexibilidad». Un paciente se cayó mientras atendíamos otra emergencia.\n\n"
            "Nos dicen que agradezcamos tener trabajo. Yo agradezco a mis compañeras, que se "
            "quedaron dos horas después del turno sin paga. Su periódico estaba en la sala de "
            "descanso a la mañana siguiente, y leímos en voz alta el artículo sobre el Estado.",
        ),
    },
    {
        "kind": Article.Kind.REPORT,
        "topics": ["Garment workers"],
        "place": "San Salvador",
        "country": ("El Salvador", "El Salvador"),
        "date": date(2024, 9, 5),
        "byline": "Correspondent",
        "en": (
            "Garment workers refuse unpaid overtime",
            "A line of sixty stopped work for an hour.",
            "At a maquila near the airport, sixty women on one line stopped work for an hour "
            "when the supervisor announced another Saturday without pay.\n\n"
            'The company backed down the same afternoon. "They need the order finished more '
            'than we need their Saturday," one of them said. The women now meet every week to '
            "read the paper together.",
        ),
        "es": (
            "Costureras rechazan horas extra sin pago",
            "Una línea de sesenta paró una hora.",
            "En una maquila cerca del aeropuerto, sesenta mujeres de una línea pararon una hora "
            "cuando el supervisor anunció otro sábado sin paga.\n\n"
            "La empresa cedió esa misma tarde. «Ellos necesitan el pedido terminado más que "
            "nosotras su sábado», dijo una de ellas. Las compañeras se reúnen ahora cada semana "
            "para leer juntas el periódico.",
        ),
    },
    {
        "kind": Article.Kind.REPORT,
        "topics": ["Mining"],
        "place": "Johannesburg",
        "country": ("South Africa", "Sudáfrica"),
        "date": date(2024, 8, 16),
        "byline": "Correspondent",
        "en": (
            "Mineworkers remember Marikana",
            "",
            "Twelve years after police killed thirty-four striking miners at Marikana, workers "
            "gathered at the koppie again. The wages they struck for are still not paid.\n\n"
            "Young miners asked the older ones what the strike committee did right. The answer: "
            "they organized outside the union bureaucracy, shaft by shaft.",
        ),
        "es": (
            "Mineros recuerdan Marikana",
            "",
            "Doce años después de que la policía matara a treinta y cuatro mineros en huelga en "
            "Marikana, los trabajadores se reunieron de nuevo en la colina. Los salarios por los "
            "que lucharon todavía no se pagan.\n\n"
            "Los mineros jóvenes preguntaron a los mayores qué hizo bien el comité de huelga. "
            "La respuesta: se organizaron fuera de la burocracia sindical, pozo por pozo.",
        ),
    },
]

PAMPHLET_CHAPTERS = [
    (
        "The state: an instrument of class rule",
        "El Estado: un instrumento de dominación de clase",
        "Where classes exist, a special power stands over society: armed bodies of men, prisons "
        "and courts. This chapter follows Engels and Lenin on where that power comes from.",
        "Donde existen clases, un poder especial se alza sobre la sociedad: destacamentos de "
        "hombres armados, cárceles y tribunales. Este capítulo sigue a Engels y a Lenin sobre el "
        "origen de ese poder.",
    ),
    (
        "Why the vote does not change it",
        "Por qué el voto no lo cambia",
        "Universal suffrage counts opinions; it does not change who owns the factories, who "
        "commands the police, or whom the courts protect.",
        "El sufragio universal cuenta opiniones; no cambia quién es dueño de las fábricas, quién "
        "manda a la policía ni a quién protegen los tribunales.",
    ),
    (
        "What workers build instead",
        "Lo que construyen los trabajadores",
        "Councils of workers, elected and recallable, paid a worker's wage: the Paris Commune "
        "showed the way in 1871. Questions for discussion follow.",
        "Consejos obreros, elegidos y revocables, con salario de obrero: la Comuna de París "
        "mostró el camino en 1871. Siguen preguntas para la discusión.",
    ),
]

COMMON_EDITORIAL = (
    "Speed-up is a political question",
    "The line runs faster every month, in every plant. That is not one bad manager: it is how "
    "profit is made. The company's answer to falling sales is to squeeze more from fewer "
    "workers.\n\n"
    "No contract clause ends it for good. What slows the line is workers who act together, "
    "department by department, and who know that the bosses' power rests on ours.",
)

PLANT_ITEMS = [
    (
        "Paint shop: 104 degrees on Tuesday",
        "The fans in the paint shop have been broken for three weeks. On Tuesday the "
        "thermometer by booth 4 read 104. Two workers were sent to the nurse.",
    ),
    (
        "Second shift: mandatory Saturdays again",
        "Management posted six mandatory Saturdays in a row for second shift. Nobody asked "
        "us. Some of us have kids and a second job.",
    ),
    (
        "Trim line: a win on breaks",
        "After the whole trim line went to the supervisor together, relief for bathroom breaks "
        "is back. It took one afternoon.",
    ),
]


def load(out: TextIO) -> None:
    if Publication.objects.filter(slug="red-banner").exists():
        out.write("Press demo already loaded.\n")
        if load_french_paper():
            out.write("Press: drapeau-rouge (France, fr + ht). Editor: julien.\n")
        return
    User = get_user_model()
    tomas = User.objects.get(username="tomas")
    earl = User.objects.get(username="earl")
    usa = Collective.objects.get(slug="usa")
    plant = Collective.objects.get(slug="detroit-plant")
    _paper(tomas, usa)
    _pamphlet(tomas, usa)
    _plant_bulletin(tomas, earl, usa, plant)
    out.write(
        "Press: red-banner (issue 1 published, en + es), state-and-revolution (pamphlet) and "
        "plant-bulletin (Riverside plant sheet). Editors: tomas (USA), earl (plant). "
        "Public site at /p/.\n"
    )
    load_french_paper()
    out.write("Press: drapeau-rouge (France, fr + ht, issue 1 published). Editor: julien.\n")


def _approve(actor: Any, article: Article) -> None:
    services.article_set_state(actor=actor, article=article, state=Article.State.REVIEW)
    services.article_set_state(actor=actor, article=article, state=Article.State.APPROVED)


def _publish_issue(actor: Any, issue: Issue) -> None:
    for state in ("editing", "ready", "printed", "published"):
        services.issue_set_state(actor=actor, issue=issue, state=state)


def _paper(tomas: Any, usa: Collective) -> None:
    paper = services.publication_create(
        actor=tomas,
        collective=usa,
        slug="red-banner",
        kind=Publication.Kind.PAPER,
        names={"en": "Red Banner", "es": "Bandera Roja"},
        languages=["en", "es"],
        schedule=Publication.Schedule.MONTHLY,
        print_format=Publication.PrintFormat.TABLOID,
        bilingual=Publication.Bilingual.SEPARATE,
        mastheads={
            "en": "Voice of the International Communist Workers",
            "es": "Voz de los Trabajadores Comunistas Internacionales",
        },
        mottos=MOTTOS,
    )
    issue = services.issue_create(actor=tomas, publication=paper, date=date(2024, 9, 15))
    for index, spec in enumerate(PAPER_ARTICLES):
        title, summary, body = spec["en"]
        article = services.article_create(
            actor=tomas,
            collective=usa,
            publication=paper,
            language="en",
            title=title,
            summary=summary,
            body=body,
            kind=spec["kind"],
            topics=spec["topics"],
            dateline_place=spec["place"],
            dateline_country=spec["country"][0],
            dateline_date=spec["date"],
            byline=spec["byline"],
        )
        es_title, es_summary, es_body = spec["es"]
        translation = services.article_translate(
            actor=tomas,
            article=article,
            language="es",
            title=es_title,
            summary=es_summary,
            body=es_body,
            dateline_country=spec["country"][1],
        )
        _approve(tomas, article)
        _approve(tomas, translation)
        page = 1 if index < 2 else 2 + (index - 2) // 2
        services.placement_add(
            actor=tomas, issue=issue, article=article, page=page, is_lead=index == 0
        )
    _publish_issue(tomas, issue)
    services.printrun_record(
        actor=tomas, issue=issue, copies=540, cost=Decimal("212.00"), language="en"
    )
    services.printrun_record(
        actor=tomas, issue=issue, copies=150, cost=Decimal("61.50"), language="es"
    )
    services.issue_create(actor=tomas, publication=paper, date=date(2024, 10, 15))


def _pamphlet(tomas: Any, usa: Collective) -> None:
    pamphlet = services.publication_create(
        actor=tomas,
        collective=usa,
        slug="state-and-revolution",
        kind=Publication.Kind.PAMPHLET,
        names={"en": "What Is the State?", "es": "¿Qué es el Estado?"},
        languages=["en", "es"],
        schedule=Publication.Schedule.IRREGULAR,
        print_format=Publication.PrintFormat.A5_BOOKLET,
        bilingual=Publication.Bilingual.SEPARATE,
        mastheads={
            "en": "A study guide to Lenin's State and Revolution",
            "es": "Guía de estudio de El Estado y la revolución de Lenin",
        },
        mottos=MOTTOS,
    )
    issue = services.issue_create(actor=tomas, publication=pamphlet, date=date(2024, 9, 1))
    for index, (title, es_title, body, es_body) in enumerate(PAMPHLET_CHAPTERS):
        chapter = services.article_create(
            actor=tomas,
            collective=usa,
            publication=pamphlet,
            language="en",
            title=title,
            body=body,
            kind=Article.Kind.ANALYSIS,
            topics=["State"],
        )
        translation = services.article_translate(
            actor=tomas, article=chapter, language="es", title=es_title, body=es_body
        )
        _approve(tomas, chapter)
        _approve(tomas, translation)
        services.placement_add(actor=tomas, issue=issue, article=chapter, page=index + 1)
    _publish_issue(tomas, issue)


def _plant_bulletin(tomas: Any, earl: Any, usa: Collective, plant: Collective) -> None:
    bulletin = services.publication_create(
        actor=earl,
        collective=plant,
        slug="plant-bulletin",
        kind=Publication.Kind.NEWSLETTER,
        names={"en": "Riverside Spark"},
        languages=["en"],
        schedule=Publication.Schedule.FORTNIGHTLY,
        print_format=Publication.PrintFormat.LETTER_SHEET,
        mastheads={"en": "Bulletin of the communist workers at Riverside Assembly"},
        mottos={"en": MOTTOS["en"]},
    )
    # The common editorial of every workplace sheet: written once by the national editor,
    # offered to the groups below, placed by the plant's editor.
    title, body = COMMON_EDITORIAL
    editorial = services.article_create(
        actor=tomas,
        collective=usa,
        language="en",
        title=title,
        body=body,
        kind=Article.Kind.EDITORIAL,
        shared_below=True,
        topics=["Speed-up"],
    )
    _approve(tomas, editorial)
    issue = services.issue_create(actor=earl, publication=bulletin, date=date(2024, 9, 20))
    services.placement_add(actor=earl, issue=issue, article=editorial, page=1, is_lead=True)
    for title, body in PLANT_ITEMS:
        submission = services.submission_create(
            publication=bulletin, body=body, workplace=title.split(":")[0], language="en"
        )
        item = services.submission_to_article(actor=earl, submission=submission, title=title)
        _approve(earl, item)
        services.placement_add(actor=earl, issue=issue, article=item, page=2)
    _publish_issue(earl, issue)
    services.printrun_record(actor=earl, issue=issue, copies=300, cost=Decimal("18.00"))
    services.issue_create(actor=earl, publication=bulletin, date=date(2024, 10, 4))
    services.submission_create(
        publication=bulletin,
        body="In the body shop they cut a relief worker again. We are one person short on "
        "every shift and the line did not slow down.",
        workplace="Body shop",
        language="en",
    )
