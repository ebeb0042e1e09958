import { describe, test, expect } from '@jest/globals';
import { splitTitle, segmentTitle } from '../../src/meta/index.js';

const t = (raw: string | null, host?: string | null, bodyLines?: string[]) => splitTitle(raw, { host: host ?? null, ...(bodyLines ? { bodyLines } : {}) });

describe('splitTitle without body', () => {
  test('null and empty', () => {
    expect(t(null)).toEqual({ title: null, siteName: null, titleRaw: null });
    expect(t('   ')).toEqual({ title: null, siteName: null, titleRaw: null });
  });
  test('a title without separators is unchanged (whitespace collapsed)', () => {
    expect(t('  Heliumkerne in  Zinn-Atomen entdeckt ')).toEqual({
      title: 'Heliumkerne in Zinn-Atomen entdeckt',
      siteName: null,
      titleRaw: 'Heliumkerne in Zinn-Atomen entdeckt',
    });
  });
  test('word-internal hyphens are not separators', () => {
    expect(segmentTitle('COVID-19 - what we know').segs.map((s) => s.text)).toEqual(['COVID-19', 'what we know']);
    // The part after the dash is longer than the part before: a subtitle, not a site name.
    expect(t('COVID-19 - what we know').title).toBe('COVID-19 - what we know');
    expect(t('Snake_case and __init__ explained').title).toBe('Snake_case and __init__ explained');
  });
  test('pipe suffix that is shorter than the rest is the site name', () => {
    expect(t('Fünf HR-Trends für das kommende Jahr | HR JOURNAL')).toMatchObject({ title: 'Fünf HR-Trends für das kommende Jahr', siteName: 'HR JOURNAL' });
  });
  test('spaced dash suffix: stripped when it names the host or is clearly shorter', () => {
    expect(t('Kaeser verarscht Neubauer - taz.de')).toMatchObject({ title: 'Kaeser verarscht Neubauer', siteName: 'taz.de' });
    expect(t('Performant Python - Strangemachines', 'strangemachines.net')).toMatchObject({ title: 'Performant Python', siteName: 'Strangemachines' });
    expect(t('Boris Johnson wins the vote in parliament – The Guardian')).toMatchObject({ title: 'Boris Johnson wins the vote in parliament', siteName: 'The Guardian' });
    expect(t('Pädophilie als politisches Machtinstrument — www.siegessaeule.de').title).toBe('Pädophilie als politisches Machtinstrument');
  });
  test('Chinese suffixes after _ and unspaced hyphen', () => {
    expect(t('武汉的声音：有英勇的你，才有英雄的城！-新华网')).toMatchObject({ title: '武汉的声音：有英勇的你，才有英雄的城！', siteName: '新华网' });
    expect(t('国务院召开常务会议部署稳就业工作_网易新闻')).toMatchObject({ title: '国务院召开常务会议部署稳就业工作', siteName: '网易新闻' });
    // `——` is an in-title dash in Chinese.
    expect(t('春天来了——记北京植树节').title).toBe('春天来了——记北京植树节');
  });
  test('prefix only when it names the host; a section after it goes too', () => {
    expect(t('BBC News - Storm hits the coast of Cornwall tonight', 'www.bbc.co.uk')).toMatchObject({ title: 'Storm hits the coast of Cornwall tonight', siteName: 'BBC News' });
    expect(t('BSI - Presse - Sicherheits-Check für Künstliche Intelligenz in Autos', 'www.bsi.bund.de').title).toBe('Sicherheits-Check für Künstliche Intelligenz in Autos');
    expect(t('Erfinderinnen: Ann Kiessling und ihre HIV-Forschung').title).toBe('Erfinderinnen: Ann Kiessling und ihre HIV-Forschung');
  });
  test('date-only segments are dropped', () => {
    expect(t('23.01.2022 - Dorothea Wierer darf beim Antholz-Abschluss noch jubeln').title).toBe('Dorothea Wierer darf beim Antholz-Abschluss noch jubeln');
  });
});

describe('splitTitle with body lines', () => {
  test('a body line equal to a segment run is the headline, as written on the page', () => {
    const body = ['Home', 'Wirtschaft', 'Wie Firmen ihre Beschäftigten schützen', 'Text of the article …'];
    expect(t('Wie Firmen ihre Beschäftigten schützen - Wirtschaft - Tagesspiegel', null, body)).toMatchObject({
      title: 'Wie Firmen ihre Beschäftigten schützen',
      siteName: 'Tagesspiegel',
    });
  });
  test('a menu item matching a small part of the title is ignored', () => {
    const body = ['Wirtschaft', 'Politik', 'Some paragraph'];
    expect(t('Wie Firmen ihre Beschäftigten vor dem Virus schützen - Wirtschaft - Tagesspiegel', null, body).title).toBe(
      'Wie Firmen ihre Beschäftigten vor dem Virus schützen',
    );
  });
  test('the site name shown as a logo line does not beat the headline', () => {
    const body = ['Marktplatz für ein gutes Leben', 'Alles hat seine Zeit…', 'Text'];
    expect(t('Alles hat seine Zeit… | Marktplatz für ein gutes Leben', null, body).title).toBe('Alles hat seine Zeit…');
  });
  test('kicker and headline on separate lines: the headline wins', () => {
    const body = ['Siemens und die Kohlemine Adani', 'Kaeser verarscht Neubauer', 'Text'];
    expect(t('Siemens und die Kohlemine Adani: Kaeser verarscht Neubauer - taz.de', 'taz.de', body).title).toBe('Kaeser verarscht Neubauer');
  });
  test('quote and dash style follow the page; key equality ignores them', () => {
    const body = ['Rene Benko-Firma Signa in Sorge – Finanzdaten und Berater-Auftrag'];
    expect(t('Rene Benko-Firma Signa in Sorge - Finanzdaten und Berater-Auftrag', null, body).title).toBe(
      'Rene Benko-Firma Signa in Sorge – Finanzdaten und Berater-Auftrag',
    );
  });
  test('a truncated title is completed from the page', () => {
    const body = ['Das ändert sich im Jahr 2023: Die wichtigsten Änderungen für Verbraucher im Überblick'];
    expect(t('Das ändert sich im Jahr 2023: Die wichtigsten Änderun...', null, body).title).toBe(body[0]);
  });
  test('list markup residue on the matching line is trimmed; German »quotes« stay', () => {
    expect(t('mediaarchitecture.de // » Jens Weber', null, ['[> Jens Weber']).title).toBe('Jens Weber');
    expect(t('»Abzocke wird als Klimaschutz verkauft« - Fraktion', null, ['»Abzocke wird als Klimaschutz verkauft«']).title).toBe(
      '»Abzocke wird als Klimaschutz verkauft«',
    );
  });
  test('no matching line: falls back to the separator rules', () => {
    expect(t('Kaeser verarscht Neubauer - taz.de', null, ['unrelated', 'lines']).title).toBe('Kaeser verarscht Neubauer');
  });
});
