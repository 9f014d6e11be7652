"""The demonstration press: the paper Red Banner (English and Spanish) with issue 1 published,
a pamphlet, and the Riverside plant group's two-sided sheet with the common editorial and
workers' items. Idempotent: what exists is left alone."""

from datetime import date
from decimal import Decimal
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

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

# More of Red Banner no. 1: enough for a four-page paper (front page, two inside pages, and
# the back page with the house boxes).
MORE_PAPER_ARTICLES: list[dict[str, Any]] = [
    {
        "kind": Article.Kind.REPORT,
        "topics": ["Health care"],
        "place": "Los Angeles",
        "country": ("USA", "EE. UU."),
        "date": date(2024, 9, 11),
        "byline": "Correspondent",
        "en": (
            "County nurses vote to strike over staffing",
            "Ninety-four percent voted yes. The hospital says there is no money.",
            "Nurses at the county hospital voted ninety-four percent to strike if the county "
            "does not hire two hundred more of them before October. The vote was held over "
            "three days in the cafeteria, so that every shift could take part.\n\n"
            "For two years the wards have run short. Nurses describe twelve-hour shifts that "
            "become sixteen, patients waiting in hallways, and supervisors who answer every "
            'complaint with the same sentence: "There is no money in the budget." The same '
            "county found forty million dollars this spring for new patrol cars.\n\n"
            '"They count beds, we count people," said a nurse from the emergency room who has '
            'worked there for nineteen years. "When I started we had one nurse for four '
            'patients. Now it is one for seven on a good night."\n\n'
            "The union leadership asked members to be patient while it negotiates. Many nurses "
            "are tired of patience. A group from the night shift has started meeting before "
            "work to plan what a strike would need: who covers the picket line at three in the "
            "morning, how to keep the intensive care unit safe, how to talk to patients' "
            "families. They asked the hospital's cleaners and cooks, who belong to another "
            "union, to come to the next meeting.\n\n"
            "That is the lesson of every hospital strike: the bosses divide workers by job "
            "title and by union, and the workers win when they refuse to be divided. Nurses, "
            "aides, cleaners and cooks run the hospital together; together they can stop it.\n\n"
            "Readers who work in health care are invited to write to Red Banner about the "
            "conditions where they work. We print your letters without your name.",
        ),
        "es": (
            "Enfermeras del condado votan ir a la huelga por falta de personal",
            "El noventa y cuatro por ciento votó sí. El hospital dice que no hay dinero.",
            "Las enfermeras del hospital del condado votaron en un noventa y cuatro por ciento "
            "ir a la huelga si el condado no contrata doscientas más antes de octubre. La "
            "votación duró tres días en la cafetería, para que participaran todos los turnos."
            "\n\n"
            "Desde hace dos años las salas funcionan sin personal suficiente. Las enfermeras "
            "cuentan turnos de doce horas que se vuelven de dieciséis, pacientes esperando en "
            "los pasillos y supervisores que responden a cada queja con la misma frase: «No hay "
            "dinero en el presupuesto». El mismo condado encontró esta primavera cuarenta "
            "millones de dólares para nuevas patrullas.\n\n"
            "«Ellos cuentan camas, nosotras contamos personas», dijo una enfermera de urgencias "
            "que trabaja allí desde hace diecinueve años. «Cuando empecé había una enfermera "
            "para cuatro pacientes. Ahora es una para siete en una buena noche».\n\n"
            "La dirección del sindicato pidió paciencia mientras negocia. Muchas enfermeras "
            "están cansadas de esperar. Un grupo del turno de noche empezó a reunirse antes del "
            "trabajo para planear lo que una huelga necesitaría: quién cubre el piquete a las "
            "tres de la mañana, cómo mantener segura la unidad de cuidados intensivos, cómo "
            "hablar con las familias de los pacientes. Invitaron a la próxima reunión al "
            "personal de limpieza y de cocina del hospital, que pertenece a otro sindicato.\n\n"
            "Es la lección de toda huelga en un hospital: los patrones dividen a los "
            "trabajadores por puesto y por sindicato, y los trabajadores ganan cuando se niegan "
            "a dividirse. Enfermeras, auxiliares, limpiadoras y cocineros hacen funcionar el "
            "hospital juntos; juntos pueden pararlo.\n\n"
            "Invitamos a quienes trabajan en salud a escribir a Bandera Roja sobre las "
            "condiciones de su trabajo. Publicamos sus cartas sin su nombre.",
        ),
    },
    {
        "kind": Article.Kind.ANALYSIS,
        "topics": ["Dockworkers", "Palestine"],
        "place": "Oakland",
        "country": ("USA", "EE. UU."),
        "date": date(2024, 9, 3),
        "byline": "Study group",
        "en": (
            "Dockworkers: the ports are ours to close",
            "From Genoa to Oakland, dockers have refused to load weapons.",
            "When dockworkers in Genoa refused to load a ship carrying weapons, they did "
            "something no resolution in a parliament has done: they stopped the weapons. "
            "Dockers in Barcelona, Antwerp and Oakland have done the same, sometimes for one "
            "shift, sometimes for a week.\n\n"
            "The ports are where the world economy passes through a narrow door. A few "
            "thousand workers on the cranes and the lashing gangs decide whether the goods "
            "move. That is why every government watches the docks, and why the shipping "
            "companies spend fortunes on automation: a machine does not hold meetings.\n\n"
            "The actions so far were short and local. The employers could wait them out or "
            "route the cargo through another port. What would change the balance is "
            "coordination: dockers in every port on a route refusing the same cargo on the "
            "same day, and the workers who drive the trucks and run the railways refusing it "
            "too. That needs an organization that crosses borders, as the cargo does.\n\n"
            "Such an organization will not be built by the union bureaucracies, which are tied "
            "to their national governments and to the companies' profits. It will be built by "
            "workers who see that their interests are the same in Genoa and in Oakland, and "
            "who start by talking to each other. Our paper is one small tool for that: pass "
            "it to a docker.",
        ),
        "es": (
            "Estibadores: los puertos son nuestros para cerrarlos",
            "De Génova a Oakland, los estibadores se han negado a cargar armas.",
            "Cuando los estibadores de Génova se negaron a cargar un barco con armas, hicieron "
            "lo que ninguna resolución de un parlamento ha hecho: detuvieron las armas. Los "
            "estibadores de Barcelona, Amberes y Oakland han hecho lo mismo, a veces durante un "
            "turno, a veces durante una semana.\n\n"
            "Los puertos son el lugar donde la economía mundial pasa por una puerta estrecha. "
            "Unos pocos miles de trabajadores en las grúas y en las cuadrillas de trincaje "
            "deciden si la mercancía se mueve. Por eso todos los gobiernos vigilan los muelles, "
            "y por eso las navieras gastan fortunas en automatización: una máquina no hace "
            "asambleas.\n\n"
            "Las acciones hasta ahora fueron cortas y locales. Los patrones podían esperar o "
            "desviar la carga por otro puerto. Lo que cambiaría la relación de fuerzas es la "
            "coordinación: los estibadores de todos los puertos de una ruta rechazando la misma "
            "carga el mismo día, y los camioneros y ferroviarios rechazándola también. Eso "
            "necesita una organización que cruce fronteras, como la carga.\n\n"
            "Esa organización no la construirán las burocracias sindicales, atadas a sus "
            "gobiernos nacionales y a las ganancias de las empresas. La construirán "
            "trabajadores que vean que sus intereses son los mismos en Génova y en Oakland, y "
            "que empiecen por hablar entre ellos. Nuestro periódico es una pequeña herramienta "
            "para eso: páselo a un estibador.",
        ),
    },
    {
        "kind": Article.Kind.REPORT,
        "topics": ["Auto workers"],
        "place": "Detroit",
        "country": ("USA", "EE. UU."),
        "date": date(2024, 9, 12),
        "byline": "A worker at Riverside",
        "en": (
            "Riverside: the line runs faster, the paychecks do not",
            "Workers at the assembly plant compare notes on speed-up.",
            "At the Riverside assembly plant the line speed went up three times since January. "
            "Each time, management said it was temporary. Each time, it stayed.\n\n"
            "Workers in the trim department started writing down what changed: how many "
            "seconds per job, how many people per station, how many injuries reported to the "
            "nurse. In six months the time per job fell by eleven percent and reported "
            "injuries rose by a third. Pay did not move.\n\n"
            '"The contract says nothing about line speed that the company cannot get around," '
            'said a worker with twenty years at the plant. "What slows the line is when a '
            'whole department stops together and asks the same question."\n\n'
            "The plant group publishes its own sheet, the Riverside Spark, every two weeks. "
            "Workers can send news to it from their phone through the QR code on its back, "
            "without giving their name.",
        ),
        "es": (
            "Riverside: la línea va más rápido, los sueldos no",
            "Los obreros de la planta de montaje comparan notas sobre la aceleración.",
            "En la planta de montaje de Riverside la velocidad de la línea subió tres veces "
            "desde enero. Cada vez, la gerencia dijo que era temporal. Cada vez, se quedó.\n\n"
            "Los obreros del departamento de tapicería empezaron a anotar lo que cambiaba: "
            "cuántos segundos por tarea, cuántas personas por estación, cuántas lesiones se "
            "reportaban a la enfermería. En seis meses el tiempo por tarea bajó un once por "
            "ciento y las lesiones reportadas subieron un tercio. El sueldo no se movió.\n\n"
            "«El contrato no dice nada sobre la velocidad de la línea que la empresa no pueda "
            "esquivar», dijo un obrero con veinte años en la planta. «Lo que frena la línea es "
            "cuando un departamento entero para a la vez y hace la misma pregunta».\n\n"
            "El grupo de la planta publica su propia hoja, Riverside Spark, cada dos semanas. "
            "Los obreros pueden enviarle noticias desde el teléfono con el código QR del "
            "reverso, sin dar su nombre.",
        ),
    },
    {
        "kind": Article.Kind.REPORT,
        "topics": ["Garment workers", "Strikes"],
        "place": "Dhaka",
        "country": ("Bangladesh", "Bangladesh"),
        "date": date(2024, 9, 1),
        "byline": "Correspondent",
        "en": (
            "Dhaka: garment strike wave wins a raise, and costs lives",
            "The owners gave in after six weeks. Four workers were killed by the police.",
            "After six weeks of strikes that closed hundreds of factories around Dhaka, the "
            "garment owners' association agreed to raise the minimum wage. The raise is less "
            "than half of what the workers demanded, and four workers were shot dead by the "
            "police during the protests.\n\n"
            "The strikes began in one industrial zone, when a factory refused to pay the "
            "previous month's wages on time. Within days, workers from neighbouring factories "
            "came out to support them, and the demand grew into a new minimum wage for the "
            "whole industry. Most of the strikers are young women who came from the villages "
            "to work twelve-hour days sewing clothes for the big European and American "
            "brands.\n\n"
            "The brands said they were concerned. They did not say they would pay more for "
            "the clothes. The government sent the police and the army, and filed cases "
            "against thousands of unnamed workers, a way of threatening anyone who speaks up "
            "at the next strike.\n\n"
            "The workers of Dhaka, San Salvador and Los Angeles sew for the same brands. The "
            "women who refused unpaid overtime in San Salvador this month, reported on another "
            "page, face the same companies. What they lack is a way to act together across "
            "the borders that the companies cross every day.\n\n"
            "Red Banner will print reports from garment workers in every country where it is "
            "read. Send them through the form on our site; no name is needed.",
        ),
        "es": (
            "Daca: una ola de huelgas textiles gana un aumento y cuesta vidas",
            "Los patrones cedieron tras seis semanas. La policía mató a cuatro obreros.",
            "Después de seis semanas de huelgas que cerraron cientos de fábricas alrededor de "
            "Daca, la asociación de patrones textiles aceptó subir el salario mínimo. El "
            "aumento es menos de la mitad de lo que exigían los trabajadores, y la policía "
            "mató a tiros a cuatro obreros durante las protestas.\n\n"
            "Las huelgas empezaron en una zona industrial, cuando una fábrica se negó a pagar "
            "a tiempo los salarios del mes anterior. En pocos días, los obreros de las fábricas "
            "vecinas salieron a apoyarlos, y la demanda creció hasta un nuevo salario mínimo "
            "para toda la industria. La mayoría de los huelguistas son mujeres jóvenes que "
            "llegaron del campo para coser doce horas al día ropa para las grandes marcas "
            "europeas y estadounidenses.\n\n"
            "Las marcas dijeron estar preocupadas. No dijeron que pagarían más por la ropa. El "
            "gobierno envió a la policía y al ejército, y abrió causas contra miles de obreros "
            "sin nombre, una manera de amenazar a quien hable en la próxima huelga.\n\n"
            "Los obreros de Daca, San Salvador y Los Ángeles cosen para las mismas marcas. Las "
            "mujeres que rechazaron este mes las horas extra sin pago en San Salvador, como "
            "contamos en otra página, enfrentan a las mismas empresas. Lo que les falta es una "
            "manera de actuar juntas por encima de las fronteras que las empresas cruzan todos "
            "los días.\n\n"
            "Bandera Roja publicará informes de trabajadores textiles de todos los países "
            "donde se lee. Envíenlos con el formulario de nuestro sitio; no hace falta nombre.",
        ),
    },
    {
        "kind": Article.Kind.ANALYSIS,
        "topics": ["Housing"],
        "place": "Los Angeles",
        "country": ("USA", "EE. UU."),
        "date": date(2024, 9, 10),
        "byline": "A Red Banner reader",
        "en": (
            "Rent takes half the paycheck",
            "Tenants in one building learned what a union of neighbours can do.",
            "In the building on Fourth Street where this reader lives, rent went up twice in a "
            "year. A cleaner who has lived there for eleven years now pays more than half of "
            "what she earns to the landlord. When the heating broke in January, it took seven "
            "weeks to fix it.\n\n"
            "One evening, tenants from six apartments met in the laundry room. They wrote "
            "down every repair that had been refused and every fee that had appeared on the "
            "bills. Then they knocked on every door. Within a month, forty of the fifty "
            "apartments had signed a letter to the management company, and the repairs began "
            "the week after.\n\n"
            "A tenants' union in one building cannot lower the rents of a whole city. Rent is "
            "high because housing is built and owned to make a profit, and the banks and "
            "funds that own more and more of it answer to their shareholders, not to the "
            "people who live there. But the tenants on Fourth Street learned the same thing "
            "that workers learn at work: alone, each of us is a problem for the landlord to "
            "manage; together, we are a force he has to reckon with.\n\n"
            "The same people who pay the rent work in the warehouses, the hospitals and the "
            "shops of the city. The fight over housing and the fight over wages are one fight, "
            "against the same class.",
        ),
        "es": (
            "El alquiler se lleva la mitad del sueldo",
            "Los inquilinos de un edificio aprendieron lo que puede un sindicato de vecinos.",
            "En el edificio de la calle Cuarta donde vive este lector, el alquiler subió dos "
            "veces en un año. Una limpiadora que vive allí desde hace once años paga ahora más "
            "de la mitad de lo que gana al casero. Cuando se rompió la calefacción en enero, "
            "tardaron siete semanas en arreglarla.\n\n"
            "Una noche, inquilinos de seis apartamentos se reunieron en la lavandería. "
            "Anotaron cada reparación negada y cada cargo que había aparecido en las facturas. "
            "Luego tocaron a todas las puertas. En un mes, cuarenta de los cincuenta "
            "apartamentos habían firmado una carta a la administradora, y las reparaciones "
            "empezaron la semana siguiente.\n\n"
            "Un sindicato de inquilinos en un edificio no puede bajar los alquileres de toda "
            "una ciudad. El alquiler es alto porque la vivienda se construye y se posee para "
            "obtener ganancias, y los bancos y fondos que poseen cada vez más responden a sus "
            "accionistas, no a quienes viven allí. Pero los inquilinos de la calle Cuarta "
            "aprendieron lo mismo que los obreros aprenden en el trabajo: solos, cada uno es "
            "un problema que el casero administra; juntos, somos una fuerza con la que tiene "
            "que contar.\n\n"
            "Las mismas personas que pagan el alquiler trabajan en los almacenes, los "
            "hospitales y las tiendas de la ciudad. La lucha por la vivienda y la lucha por el "
            "salario son una sola lucha, contra la misma clase.",
        ),
    },
]

# Spanish bylines and topic names of the paper's articles.
BYLINES_ES = {
    "A Red Banner reader": "Un lector de Bandera Roja",
    "Correspondent": "Corresponsal",
    "Study group": "Círculo de estudio",
    "A nurse in Los Angeles": "Una enfermera de Los Ángeles",
    "A worker at Riverside": "Un obrero de Riverside",
}
TOPICS_ES = {
    "palestine": "Palestina",
    "elections": "Elecciones",
    "party": "Partido",
    "labor-day": "Día del Trabajo",
    "state": "Estado",
    "health-care": "Salud",
    "garment-workers": "Costureras",
    "mining": "Minería",
    "dockworkers": "Estibadores",
    "auto-workers": "Obreros del automóvil",
    "strikes": "Huelgas",
    "housing": "Vivienda",
}
# Pictures of the paper (drawn by `demo_picture`): article index -> per language (alt text,
# caption).
PAPER_PICTURES: dict[int, dict[str, tuple[str, str]]] = {
    0: {
        "en": (
            "Marchers with a red banner in front of city hall",
            "Thousands marched for a ceasefire in Los Angeles on September 7.",
        ),
        "es": (
            "Manifestantes con una bandera roja frente al ayuntamiento",
            "Miles marcharon por el alto el fuego en Los Ángeles el 7 de septiembre.",
        ),
    },
    2: {
        "en": ("Paper sellers along the parade", "Selling Red Banner on Labor Day."),
        "es": (
            "Vendedores del periódico en el desfile",
            "Venta de Bandera Roja el Día del Trabajo.",
        ),
    },
    5: {
        "en": ("Garment workers outside the shop", "The night shift walked out together."),
        "es": ("Costureras frente al taller", "El turno de noche salió junto."),
    },
    10: {
        "en": ("Sewing machines in a long row", "A garment factory near Dhaka."),
        "es": ("Máquinas de coser en una larga fila", "Una fábrica textil cerca de Daca."),
    },
    8: {
        "en": ("Cranes over a container terminal", "The port of Oakland at the change of shift."),
        "es": (
            "Grúas sobre una terminal de contenedores",
            "El puerto de Oakland en el cambio de turno.",
        ),
    },
}


def demo_picture(seed: int, *, width: int = 1600, height: int = 1000) -> ContentFile[bytes]:
    """A drawn demo photograph (JPEG): sky, a factory skyline and a crowd with a red banner.
    Drawn, not downloaded: nothing may come from the network."""
    import io
    import random

    from PIL import Image, ImageDraw

    rng = random.Random(seed)  # noqa: S311 - a drawing, not a secret
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = int(150 + 90 * y / height)
        draw.line([(0, y), (width, y)], fill=(shade - 40, shade - 20, shade))
    ground = int(height * 0.62)
    x = 0
    while x < width:
        w = rng.randint(90, 260)
        h = rng.randint(120, 360)
        grey = rng.randint(50, 90)
        draw.rectangle([x, ground - h, x + w, ground], fill=(grey, grey, grey + 8))
        if rng.random() < 0.5:
            cx = x + w // 3
            draw.rectangle([cx, ground - h - 140, cx + 24, ground - h], fill=(grey, grey, grey))
        x += w + rng.randint(0, 30)
    draw.rectangle([0, ground, width, height], fill=(70, 64, 60))
    banner_y = ground - 40
    draw.rectangle([width * 0.2, banner_y - 90, width * 0.8, banner_y], fill=(180, 20, 25))
    for _ in range(900):
        px = rng.randint(0, width)
        py = rng.randint(ground - 20, height + 40)
        r = int(10 + 24 * (py - ground) / (height - ground + 1))
        tone = rng.choice([(40, 30, 28), (90, 60, 45), (150, 110, 80), (200, 170, 140)])
        draw.ellipse([px - r, py - r, px + r, py + r], fill=tone)
    output = io.BytesIO()
    image.save(output, "JPEG", quality=80)
    return ContentFile(output.getvalue(), name=f"demo-{seed}.jpg")


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
    for index, spec in enumerate([*PAPER_ARTICLES, *MORE_PAPER_ARTICLES]):
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
            byline=BYLINES_ES.get(spec["byline"], spec["byline"]),
            topic_names=TOPICS_ES,
        )
        for code, version in (("en", article), ("es", translation)):
            if index in PAPER_PICTURES:
                alt, caption = PAPER_PICTURES[index][code]
                services.image_add(
                    actor=tomas,
                    article=version,
                    image=demo_picture(index),
                    alt_text=alt,
                    caption=caption,
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
            actor=tomas,
            article=chapter,
            language="es",
            title=es_title,
            body=es_body,
            topic_names=TOPICS_ES,
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
