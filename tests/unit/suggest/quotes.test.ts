import { describe, expect, it } from 'vitest';
import { suggestClaims, type Article } from '../../../utils/suggest/index';

function quotes(article: Article | string[]): [string, string | undefined][] {
  const a = Array.isArray(article) ? { paragraphs: article } : article;
  return suggestClaims(a)
    .filter((s) => s.type === 'quote')
    .map((s) => [s.text, s.speaker]);
}

describe('quotes and their speakers', () => {
  it('finds the speaker after the quote, before it, or with "according to"', () => {
    expect(
      quotes([
        '“There is no reason to believe the guys in charge have changed their stripes,” said Mr. Reeves, a senior fellow. “These guys are the worst of the worst.”',
        '"For us not to be able to resolve that issue has been something that is distressing," Mr Obama said.',
        'Eric Reeves, one of the leading voices on Sudan, said the government had made a “deal with the devil.”',
        'According to Business Insider, which cites one source, Kang “put everyone on blast” for failing.',
        'But “sickness, navigational error or extreme weather” are thought to contribute, according to the Department of Conservation.',
      ]),
    ).toEqual([
      ['There is no reason to believe the guys in charge have changed their stripes', 'Mr. Reeves'],
      ['These guys are the worst of the worst.', 'Mr. Reeves'],
      [
        'For us not to be able to resolve that issue has been something that is distressing',
        'Mr Obama',
      ],
      ['deal with the devil.', 'Eric Reeves'],
      ['put everyone on blast', 'Kang'],
      ['sickness, navigational error or extreme weather', 'the Department of Conservation'],
    ]);
  });

  it('takes the speaker of a quote paragraph from the paragraph that introduces it', () => {
    expect(
      quotes([
        'One unnamed employee stated,',
        '“No matter how hard we work, it feels like we’re always falling short of what they expect.”',
        'This sentiment was shared by others. As another insider put it,',
        '“There’s literally no time in a day to fulfill the goals they’re asking for.”',
      ]),
    ).toEqual([
      [
        'No matter how hard we work, it feels like we’re always falling short of what they expect.',
        'One unnamed employee',
      ],
      [
        'There’s literally no time in a day to fulfill the goals they’re asking for.',
        'another insider',
      ],
    ]);
  });

  it('reads a block quote without marks after "X said" and resolves "he" to the last speaker', () => {
    const article: Article = {
      paragraphs: [
        'Mark Zuckerberg testified on Tuesday. These deals take time, Zuckerberg said at the trial.',
        'If this deal is going to happen, it is not going to be because we offer a lot of money.',
        'He added that “competitors will offer more if they know we are interested.”',
      ],
      blockquotes: [1],
    };
    expect(quotes(article)).toEqual([
      [
        'If this deal is going to happen, it is not going to be because we offer a lot of money.',
        'Zuckerberg',
      ],
      ['competitors will offer more if they know we are interested.', 'Zuckerberg'],
    ]);
  });

  it('reads French « » and Spanish attributions', () => {
    expect(
      quotes({
        paragraphs: [
          'Pouria Amirshahi, député socialiste, a annoncé qu’il transmettrait un « mémorandum argumenté » au Conseil.',
          '« Nous ne lâcherons rien », a déclaré la ministre.',
        ],
        lang: 'fr',
      }),
    ).toEqual([
      ['mémorandum argumenté', 'Pouria Amirshahi'],
      ['Nous ne lâcherons rien', 'la ministre'],
    ]);
    expect(
      quotes({
        paragraphs: [
          '"La inflación va a bajar en el segundo semestre", dijo el ministro de Economía.',
          'El jurista Carlos Nino llamó a la Argentina "un país al margen de la ley".',
        ],
      }),
    ).toEqual([
      ['La inflación va a bajar en el segundo semestre', 'el ministro de Economía'],
      ['un país al margen de la ley', 'El jurista Carlos Nino'],
    ]);
  });

  it('skips titles, single words, scare quotes and code', () => {
    expect(
      quotes([
        'Nintendo and Apple shocked the world by announcing "Super Mario Run," a mobile game.',
        'Eric Reeves said he was “appalled” by the decision.',
        'The plan introduces a kind of « pêche au chalut » across the network.',
        'There was a flicker across his face as if to say "You think you got me?" before he smiled.',
      ]),
    ).toEqual([]);
  });
});
