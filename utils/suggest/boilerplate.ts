/**
 * Paragraphs that Readability keeps but that hold no claims of the article: reference lists
 * ("^ … Retrieved 2014-07-01"), photo credits, "Read more" / "Lire aussi" links, sign-up boxes,
 * tables of contents. Their figures, dates and names would only be noise.
 */
const REFERENCE = /^\^|\bRetrieved\s+(?:\d|[A-Z][a-z]+ \d)|\bArchived from the original\b/;
const CREDIT = /^(?:Photo(?:graph)?|Image|Foto|Crédit|Credits?|Source|Fuente|Illustration|©)\b/i;
const LINK =
  /^(?:Sign up|Subscribe|Inscrivez|Abonnez|Suscr[ií]bete|Read more|Read the full|Continue reading|Related|See also|Lire aussi|Lire\s*:|Voir aussi|Ver también|Leer más|Más información)\b/i;
const CONTENTS = /^\d+(?:\.\d+)*\s+\S/;

export function boilerplate(paragraphs: readonly string[]): Set<number> {
  const out = new Set<number>();
  paragraphs.forEach((p, i) => {
    const words = p.split(/\s+/).length;
    if (REFERENCE.test(p) || LINK.test(p)) out.add(i);
    else if (CREDIT.test(p) && words <= 15) out.add(i);
    else if (CONTENTS.test(p) && words <= 6) out.add(i);
  });
  return out;
}
