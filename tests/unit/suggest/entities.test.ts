import { describe, expect, it } from 'vitest';
import { suggestClaims, type Article } from '../../../utils/suggest/index';

function names(article: Article): string[] {
  return suggestClaims(article)
    .filter((s) => s.type === 'org' || s.type === 'person')
    .map((s) => `${s.type}:${s.text}`);
}

describe('organisations and people', () => {
  it('names people by title, first name or as speakers, and organisations by cue', () => {
    expect(
      names({
        paragraphs: [
          'ByteDance, TikTok’s parent company, has ramped up pressure on its team. Bob Kang, ByteDance’s head of e-commerce, singled out the team.',
          'In 1997, President Bill Clinton imposed an embargo. Facebook CEO Mark Zuckerberg met officials at Harvard University.',
          'Whale whisperer Hori Parata was seven. “The sea is changing,” says Parata.',
          'Minecraft developer Mojang has not responded. Sales fell in South Sudan and Kenya.',
        ],
      }),
    ).toEqual([
      'org:ByteDance',
      'org:TikTok',
      'person:Bob Kang',
      'person:Bill Clinton',
      'org:Facebook',
      'person:Mark Zuckerberg',
      'org:Harvard University',
      'person:Hori Parata',
      'org:Mojang',
    ]);
  });

  it('reads French and Spanish institutions and names', () => {
    expect(
      names({
        paragraphs: [
          'Le texte sera examiné par le Sénat, puis le Conseil constitutionnel. La Cour de cassation et la Commission nationale informatique et libertés (CNIL) ont critiqué le texte, comme l’UMP Laure de la Raudière.',
        ],
        lang: 'fr',
      }),
    ).toEqual([
      'org:Sénat',
      'org:Conseil constitutionnel',
      'org:Cour de cassation',
      'org:Commission nationale',
      'org:CNIL',
      'org:UMP',
      'person:Laure de la Raudière',
    ]);
  });
});
