/**
 * Word lists for organisations and people. Data only; lower-case unless case matters.
 * GIVEN_NAMES is a compact list of common first names (English, French, Spanish, Italian, Arabic,
 * Chinese, Indian …) — a first word from it makes a capitalised pair a person.
 */

export const GIVEN_NAMES = new Set(
  (
    'aaron abdullah abel adam adrian adriana ahmed aisha alan albert alberto alejandro alex alexander ' +
    'alexandra alexis alfonso alfred ali alice alicia alison amanda amy ana andrea andrew andré andrés ' +
    'andy angela angelo ann anna anne annie anthony antoine antonio arnaud arthur ashley aurélie ' +
    'barack barbara ben benjamin benoît bernard beth betty bill billy bob bobby bonnie boris brad ' +
    'brandon brendan brian bruce bruno bryan carl carla carlos carmen carol caroline catherine cathy ' +
    'cecilia charles charlie charlotte chen chris christian christiane christina christine ' +
    'christopher cindy claire claude claudia colin craig cristina dan daniel daniela danielle dave ' +
    'david dean deborah denis dennis diana diane diego dmitri dominique donald donna doug douglas ' +
    'dylan ed eddie edgar edith eduardo edward elena elisabeth elizabeth ellen emily emma emmanuel ' +
    'enrique eric erik ernesto esteban étienne eugene eva evan fabien fatima felipe fernando florence ' +
    'frances francesca francis francisco franck françois frank fred frederick gabriel gabriela gary ' +
    'george georges gerald gérard gilles gina giorgio giovanni giuseppe gloria gordon grace greg ' +
    'gregory guillaume gustavo hannah harold harry heather helen hélène henri henry hugo hui ian ' +
    'igor isabel isabelle ivan jack jacob jacqueline jacques james jamie jan jane janet jason javier ' +
    'jean jeff jeffrey jennifer jeremy jerome jérôme jesse jessica jesús jill jim jimmy joan joanna ' +
    'joe joel john johnny jon jonathan jorge josé joseph josh joshua juan judith judy julia julian ' +
    'julie julien justin karen kate katherine kathleen kathy katie keith kelly ken kenneth kevin kim ' +
    'kyle larry laura laure lauren laurent lawrence leah lee leo leonardo li lin linda lisa liu ' +
    'lorenzo louis louise lucas lucia lucy luis luke manuel marc marco marcos margaret maria marie ' +
    'mario mark martha martin martín mary massimo mathieu matt matthew maurice max melissa michael ' +
    'michel michelle miguel mike mitchell mohamed mohammed monica muhammad nancy natalia natalie ' +
    'nathalie nathan neil nicholas nick nicolas nicole noah norman olivia olivier omar oscar osama ' +
    'pablo pamela paolo pascal patricia patrick paul paula pedro peter philip philippe pierre rachel ' +
    'rafael ralph ramón raúl ray raymond rebecca richard rick rob robert roberto robin roger ronald ' +
    'rosa ruth ryan sabrina sally sam samantha samuel sandra sara sarah scott sean sébastien sergio ' +
    'sharon shawn simon sophie stephanie stéphane stephen steve steven sundar susan suzanne sylvie ' +
    'tamara ted teresa terry thierry thomas tim timothy tina todd tom tony tristan valérie vanessa ' +
    'vicente victor victoria vincent virginia walter wang wayne wei william xavier yann yves zhang'
  ).split(' '),
);

/** Titles and roles before a name: the name that follows is a person's. */
export const PERSON_TITLES = new Set(
  (
    'mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady president president-elect senator ' +
    'sen. gov. governor rep. representative judge justice minister secretary chancellor pope king ' +
    'queen prince princess ceo founder co-founder chairman chairwoman chair spokesman spokeswoman ' +
    'spokesperson analyst developer ranger colleague editor reporter economist professor mayor ' +
    'general gen. captain coach m. mme député députée ministre président présidente maire ' +
    'sénateur sénatrice juge señor señora don doña presidente ministro ministra senador diputado ' +
    'diputada jurista politólogo abogado periodista'
  ).split(' '),
);

/** Words that make a name an organisation's. */
export const ORG_WORDS = new Set(
  (
    'inc inc. corp corp. corporation company co co. ltd ltd. llc plc group holdings bank capital ' +
    'partners ventures university college institute school center centre foundation association ' +
    'agency department ministry council commission committee court union party organization ' +
    'organisation network society authority bureau board administration senate congress parliament ' +
    'reserve times news post journal press media insider technologies technology systems labs ' +
    'studios motors airlines airways pharmaceuticals services software games entertainment records ' +
    'police army navy nations trust fund exchange communications research alliance federation ' +
    'league club coalition front movement magazine tribune herald gazette broadcasting ' +
    'conseil cour assemblée sénat parti commission autorité agence ministère banque société groupe ' +
    'université institut fédération syndicat comité office caisse tribunal ' +
    'sociedad partido unión universidad banco ministerio secretaría comisión consejo corte tribunal ' +
    'congreso senado cámara federación fundación instituto agencia coordinadora frente empresa'
  ).split(' '),
);

/** Organisation heads in French and Spanish take lower-case words after them. */
export const ROMANCE_ORG_HEADS = new Set(
  (
    'conseil cour assemblée sénat parti front commission autorité agence ministère banque société ' +
    'groupe université institut fédération syndicat comité office caisse tribunal sociedad partido ' +
    'unión universidad banco ministerio secretaría comisión consejo corte congreso senado cámara ' +
    'federación fundación instituto agencia coordinadora frente'
  ).split(' '),
);

/** Household-name companies and institutions that industry news names without a cue. */
export const KNOWN_ORGS = new Set(
  (
    'Apple|Amazon|Google|Alphabet|Microsoft|Meta|Facebook|Instagram|WhatsApp|Snapchat|Snap|Twitter|' +
    'TikTok|ByteDance|Alibaba|Tencent|Baidu|Temu|Shein|Shopify|eBay|Walmart|Target|Costco|IKEA|' +
    'Netflix|Disney|Spotify|Uber|Lyft|Airbnb|Tesla|SpaceX|Nvidia|Intel|AMD|Qualcomm|Samsung|Sony|' +
    'Nintendo|Huawei|Xiaomi|IBM|Oracle|Cisco|Salesforce|Adobe|OpenAI|Anthropic|Mozilla|Reddit|' +
    'Pinterest|LinkedIn|YouTube|PayPal|Visa|Mastercard|Stripe|JPMorgan|Goldman Sachs|Morgan Stanley|' +
    'BlackRock|Boeing|Airbus|Ford|General Motors|Toyota|Volkswagen|BMW|Nike|Adidas|Coca-Cola|' +
    'PepsiCo|Starbucks|Unilever|Nestlé|Pfizer|Moderna|Reuters|Bloomberg|CNN|BBC|CNBC|CNET|' +
    'NATO|OTAN|EU|UN|IMF|WHO|OPEC|SEC|FTC|FCC|FDA|FBI|CIA|NSA|NASA|Congress'
  ).split('|'),
);

/** All-capital words that are not organisations. */
export const NOT_ORG_ACRONYMS = new Set(
  (
    'US USA U.S UK U.K CEO CTO CFO COO VP PIP PIPS TV VR AR AI IP IT PC OS ID API HTML HTML5 CSS SVG ' +
    'XUL PDF GPS DNA GDP NBT CPU GPU SSL JSON XML DNS FAQ URL LGBT OK PR HR IPO ETF FAI IMSI TCP ' +
    'HTTP NSS NSPR MPL GPL GNU USENET IRC XPCOM MP SMS SUV LED LCD USB RAM SSD AM PM BC AD OS II ' +
    'III IV XX XXI XIX RSS CD DVD ATM EV ESG KPI ROI B2B B2C'
  ).split(' '),
);
