/**
 * Words the detectors need, per language. Data only. Regex sources are built from these lists in
 * the detector modules (once per language) so each list reads as plain words.
 */
import type { Lang } from './lang';
import { list } from './text';

type PerLang<T> = Record<Lang, T>;

/** Numbers written as digits: thousands grouped by `,` (en) or `.`/space (fr, es). */
export const DIGITS: PerLang<string> = {
  en: String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`,
  fr: String.raw`\d{1,3}(?:[\u00a0\u202f .]\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?`,
  es: String.raw`\d{1,3}(?:[.\u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?`,
};

/** Numbers written as words ("one" and its kin are left out: they are mostly articles). */
export const NUMBER_WORDS: PerLang<string[]> = {
  en: list(
    'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|' +
      'sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|' +
      'ninety|a hundred|a thousand|a dozen|a million|a billion|tens of thousands|' +
      'hundreds of thousands|tens of millions|hundreds of millions|dozens|hundreds|thousands|' +
      'millions|billions',
  ),
  fr: list(
    'deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|' +
      'vingt|trente|quarante|cinquante|soixante|cent|mille|une centaine|une dizaine|' +
      'des dizaines de milliers|des milliers|des centaines|des millions',
  ),
  es: list(
    'dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|veinte|' +
      'treinta|cuarenta|cincuenta|sesenta|cien|mil|decenas de miles|cientos de miles|miles|' +
      'cientos|millones',
  ),
};

/** Words before a figure that belong to the claim ("more than 200 people"). */
export const QUALIFIERS: PerLang<string[]> = {
  en: list(
    'more than|less than|fewer than|over|under|nearly|almost|about|around|roughly|' +
      'approximately|some|up to|at least|at most|as many as|as much as|close to|just over|' +
      'just under|upwards of|an estimated|a total of|only|just',
  ),
  fr: [
    'plus de',
    'moins de',
    'près de',
    'environ',
    'quelque',
    "jusqu'à",
    'au moins',
    'au plus',
    'autour de',
    'presque',
    'pas moins de',
    'un peu plus de',
    'quelques',
  ],
  es: list(
    'más de|menos de|cerca de|alrededor de|unos|unas|casi|hasta|al menos|aproximadamente|' +
      'un total de|poco más de|apenas',
  ),
};

/** Magnitude after a number: full words (after a space) and abbreviations (attached or not). */
export const MAGNITUDES: PerLang<{ words: string[]; abbr: string[] }> = {
  en: {
    words: list('trillion|billion|million|thousand'),
    abbr: list('tn|bn|mn|m|b|k|M|B|K|T'),
  },
  fr: {
    words: list('milliards|milliard|millions|million|mille'),
    abbr: list('Mds|Md|M|k'),
  },
  es: {
    words: list('mil millones|millones|millón|billones|billón|mil'),
    abbr: ['MM', 'M', 'k'],
  },
};

/** Currency before the amount. */
export const CURRENCY_SYMBOLS = String.raw`(?:US|A|C|NZ|HK|S|R|NT)?\$|€|£|¥|₹|₩|₽|₺|CHF|USD|EUR|GBP|JPY|CNY|RMB`;

/** Currency named after the amount ("3,5 milliards d'euros", "10 millones de dólares"). */
export const CURRENCY_WORDS: PerLang<string[]> = {
  en: list(
    'dollars|US dollars|euros|pounds|pounds sterling|yen|yuan|renminbi|rupees|francs|pesos|' +
      'won|rubles|roubles|reais|USD|EUR|GBP|JPY|CNY',
  ),
  fr: list(
    'euros|euro|dollars|dollar|livres sterling|livres|yens|yuans|francs suisses|francs|EUR|' +
      'USD',
  ),
  es: list('dólares|dólar|euros|euro|pesos|libras|yenes|yuanes|reales|soles|USD|EUR'),
};

export const PERCENT_WORDS: PerLang<string[]> = {
  en: list('percent|per cent|percentage points|percentage point|basis points|bps'),
  fr: list('pour cent|pourcent|points de pourcentage|points de base'),
  es: list('por ciento|puntos porcentuales|punto porcentual|puntos básicos'),
};

/** Units of measure and time (singular or plural) that make a number a quantity. */
export const UNITS: PerLang<string[]> = {
  en: list(
    'mile|kilometer|kilometre|meter|metre|foot|feet|inch|yard|pound|ounce|ton|tonne|gallon|' +
      'liter|litre|barrel|acre|hectare|degree|hour|minute|second|day|week|month|year|decade|' +
      'century|megapixel|pixel|gigabyte|megabyte|terabyte|kilobyte|byte|watt|kilowatt|' +
      'megawatt|gigawatt|volt|person|people|employee|job|user|customer|store|unit|share|vote|' +
      'seat|GB|MB|TB|km|kg|mph|lb|lbs|sq ft',
  ),
  fr: list(
    'mois|an|ans|jour|jours|semaine|semaines|heure|heures|km|kg|Go|Mo|To|mètres|kilomètres|' +
      'tonnes|hectares|personnes|salariés|emplois',
  ),
  es: list(
    'mes|meses|año|años|día|días|semana|semanas|hora|horas|km|kg|metros|kilómetros|' +
      'toneladas|hectáreas|personas|empleados|empleos',
  ),
};

/** Units written right after the digits ("4K", "120Hz", "1080p", "5GB"). */
export const ATTACHED_UNITS = String.raw`(?:K|GB|MB|TB|KB|kB|mm|cm|km|m²|km²|kg|mg|lbs?|mph|km\/h|GHz|MHz|Hz|kWh|MWh|GWh|kW|MW|GW|mAh|fps|p|x)`;

/** Time words after "a"/"per" that make a rate ("five days a week"). */
export const RATE_WORDS: PerLang<string[]> = {
  en: list('day|week|month|year|hour|minute|second|quarter'),
  fr: list('jour|semaine|mois|an|année|heure'),
  es: list('día|semana|mes|año|hora'),
};
export const RATE_LINKS: PerLang<string[]> = {
  en: list('a|an|per|each|every'),
  fr: ['par', 'chaque'],
  es: list('por|al|a la|cada'),
};

/** Words that end in -s but are not plural nouns: they stop "number + plural noun". */
export const NOT_PLURAL = new Set(
  list(
    'is|was|has|this|its|his|hers|ours|yours|theirs|us|as|yes|always|perhaps|thus|less|' +
      'unless|across|plus|various|previous|whereas|besides|towards|afterwards|sometimes|' +
      'nevertheless|does|goes|gets|makes|takes|seems|remains|means|comes|becomes|ones|others|' +
      'those|these|les|des|mes|ses|tes|nos|vos|leurs|dans|sous|sans|après|plus|moins|tous|' +
      'toutes|mais|puis|dès|très|alors|depuis|pas|vers|chez|los|las|unos|unas|sus|mis|tus|más|' +
      'menos|pues|tras|entonces|además|antes|después|mientras|es|ellos|ellas|nosotros|todos|' +
      'todas|ambos|desde|hemos|han|son|eres|sont|avons|êtes|ils|elles',
  ),
);

/** Irregular plural nouns (no -s). */
export const PLURAL_IRREGULAR = new Set(
  list(
    'people|men|women|children|staff|police|feet|teeth|mice|data|media|personnel|cattle|' +
      'sheep|fish|deer|gens|animaux|travaux|journaux',
  ),
);

/** Words that may sit between a number and its noun ("140 pilot whales") are not these. */
export const FUNCTION_WORDS = new Set(
  list(
    'a|an|the|of|in|on|at|to|for|from|by|with|and|or|but|that|which|who|it|he|she|they|we|' +
      'you|i|be|been|are|were|had|have|will|would|can|could|may|might|should|not|no|so|if|' +
      'than|then|when|while|after|before|since|until|into|over|under|le|la|de|du|et|ou|en|à|' +
      'au|aux|un|une|par|pour|sur|que|qui|il|elle|on|ne|se|sa|son|el|y|o|del|al|con|por|para|' +
      'sin|su|lo|le|que|quien|se|ha|fue|era|es|está',
  ),
);
