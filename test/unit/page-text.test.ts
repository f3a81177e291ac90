// The provider pages' texts: every language of the catalog keeps English's placeholders, the language
// follows ui_locales / Accept-Language, and an operator's override wins over the catalog.
import { describe, expect, it } from 'vitest';
import {
  PAGE_TEXT_BASE,
  PAGE_TEXTS,
  pageLanguage,
  pageText,
  placeholders,
  startedAgo,
  wantedLanguages,
} from '../../server/http/page-text.js';
import { html } from '../../server/http/html.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../server/paths.js';
import { WIDGET_TEXT_IDS } from '../../server/branding-widget-ids.js';
import { en as widgetTexts } from '../../widget/messages.js';

describe('the catalog', () => {
  for (const [lang, texts] of Object.entries(PAGE_TEXTS)) {
    it(`${lang}: every text, with the same placeholders as English`, () => {
      expect(Object.keys(texts).sort()).toEqual(Object.keys(PAGE_TEXT_BASE).sort());
      for (const [id, text] of Object.entries(texts)) {
        expect(text.trim(), `${lang}.${id}`).not.toBe('');
        expect(placeholders(text).sort(), `${lang}.${id}`).toEqual(
          placeholders(PAGE_TEXT_BASE[id as keyof typeof PAGE_TEXT_BASE]).sort(),
        );
      }
    });
  }
});

describe('the widget texts branding.messages may override', () => {
  it('are the widget’s ids (server/branding-widget-ids.ts follows widget/messages.ts)', () => {
    expect([...WIDGET_TEXT_IDS].sort()).toEqual(Object.keys(widgetTexts).sort());
  });
});

describe('docs/branding.md', () => {
  it('lists every id an operator may override, with its English text', () => {
    const doc = readFileSync(path.join(packageRoot, 'docs', 'branding.md'), 'utf8');
    for (const [id, text] of Object.entries(PAGE_TEXT_BASE)) expect(doc).toContain(`| \`${id}\` | ${text} |`);
  });
});

describe('the language of a page', () => {
  it('takes ui_locales first, then Accept-Language, then English', () => {
    expect(pageLanguage(wantedLanguages('sv de', 'fr'))).toBe('de');
    expect(pageLanguage(wantedLanguages(undefined, 'fr-CA,fr;q=0.8,en;q=0.5'))).toBe('fr');
    expect(pageLanguage(wantedLanguages(undefined, 'pt-BR'))).toBe('pt-BR');
    expect(pageLanguage(wantedLanguages(undefined, 'pt'))).toBe('pt-BR');
    expect(pageLanguage(wantedLanguages(undefined, 'xx, *'))).toBe('en');
    expect(pageLanguage(wantedLanguages(undefined, undefined))).toBe('en');
  });

  it('counts a language the operator wrote texts for', () => {
    expect(pageLanguage(['sv'], { sv: { sign_out_heading: 'Logga ut?' } })).toBe('sv');
  });
});

describe('a text', () => {
  it('fills placeholders, escaping values unless they are markup', () => {
    const text = pageText('en');
    expect(text.t('sign_in_title', { client: '<b>RP</b>' }).value).toBe('Sign in to &lt;b&gt;RP&lt;/b&gt;');
    expect(text.t('consent_title', { client: html`<strong>${'A&B'}</strong>` }).value).toBe(
      'Approve a sign-in to <strong>A&amp;B</strong> on another device',
    );
    expect(text.s('sign_in_title', { client: 'A&B' })).toBe('Sign in to A&B');
  });

  it('uses the operator’s override over the catalog, in its language only', () => {
    const overrides = { en: { sign_out_heading: 'Leave Acme?' }, de: { sign_out_heading: 'Acme verlassen?' } };
    expect(pageText('en', overrides).s('sign_out_heading')).toBe('Leave Acme?');
    expect(pageText('de', overrides).s('sign_out_heading')).toBe('Acme verlassen?');
    expect(pageText('fr', overrides).s('sign_out_heading')).toBe('Se déconnecter ?');
    expect(pageText('pt-BR', { pt: { sign_out_heading: 'Sair da Acme?' } }).s('sign_out_heading')).toBe(
      'Sair da Acme?',
    );
  });

  it('says how long ago in the page’s language', () => {
    const t = Date.parse('2026-01-01T00:00:00Z');
    expect(startedAgo(pageText('en'), t, t + 59_000)).toBe('just now');
    expect(startedAgo(pageText('en'), t, t + 60_000)).toBe('1 minute ago');
    expect(startedAgo(pageText('de'), t, t + 5 * 60_000)).toBe('vor 5 Minuten');
    expect(startedAgo(pageText('en'), t, t + 2 * 3600_000)).toBe('over an hour ago');
  });
});
