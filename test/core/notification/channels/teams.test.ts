/** Teams Workflows messages: an Adaptive Card the adaptivecards library parses without a complaint, page text never read as Markdown. */
import { describe, expect, it } from 'vitest';
import { AdaptiveCard, SerializationContext } from 'adaptivecards';
import { changeMessage } from '#core/notification/channels/message.ts';
import { confirmationMessage, reminderMessage } from '#core/notification/channels/reminder-message.ts';
import { teamsChanges, teamsConfirmation, teamsReminders, type TeamsMessage } from '#core/notification/channels/teams.ts';
import { CONFIRM_LINK, HOSTILE, LINKS, changeEvent, hostileEvent, hostileProgrammes, manyEvents, options, reminder } from './fixtures.ts';

/** The card as the library reads it (it throws on some misuse, e.g. a TextRun outside a RichTextBlock). */
function parse(content: unknown): { card: AdaptiveCard; context: SerializationContext } {
  const card = new AdaptiveCard();
  const context = new SerializationContext();
  card.parse(content as object, context);
  return { card, context };
}

/** What the library reports about a card: a throw, its parse events (unknown types, bad values) and its validation failures. */
function problems(content: unknown): string[] {
  try {
    const { card, context } = parse(content);
    const parsed = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
    return [...parsed, ...card.validateProperties().validationEvents.map((e) => e.message)];
  } catch (error) {
    return [String(error)];
  }
}

/** Every object in the card, depth first. */
function nodes(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (value && typeof value === 'object') return [value as Record<string, unknown>, ...Object.values(value).flatMap(nodes)];
  return [];
}
const runsOf = (content: unknown): string[] => nodes(content).filter((n) => n.type === 'TextRun').map((n) => String(n.text));
const runs = (m: TeamsMessage): string[] => nodes(m.attachments[0].content).filter((n) => n.type === 'TextRun').map((n) => String(n.text));
const urls = (m: TeamsMessage): string[] => nodes(m.attachments[0].content).filter((n) => n.type === 'Action.OpenUrl').map((n) => String(n.url));

describe('teamsChanges', () => {
  it('is the message a Teams Workflows webhook posts: one Adaptive Card 1.4 attachment', () => {
    const message = teamsChanges(changeMessage({ lang: 'en' }, [changeEvent()], options()));
    expect(message).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null,
      content: { type: 'AdaptiveCard', version: '1.4' } }] });
    expect(problems(message.attachments[0].content)).toEqual([]);
    // Read back as the library understood it: every word is still there, so no element was dropped as unknown.
    expect(runsOf(parse(message.attachments[0].content).card.toJSON())).toEqual(runs(message));
  });

  it('parses without a complaint in English and Japanese, immediate and digest, with hostile text', () => {
    for (const lang of ['en', 'ja'] as const) {
      for (const digest of [undefined, 'daily'] as const) {
        const message = teamsChanges(changeMessage({ lang }, [changeEvent(), hostileEvent()], options({ ...(digest ? { digest } : {}), programmes: hostileProgrammes() })));
        expect(problems(message.attachments[0].content)).toEqual([]);
      }
    }
  });

  it('says what the e-mail says: the subject, each change with the page\'s words, the next deadlines, and the way out', () => {
    const message = teamsChanges(changeMessage({ lang: 'en' }, [changeEvent()], options()));
    expect(runs(message)).toEqual(expect.arrayContaining([
      'ASPIRE: submission deadline moved to 2025-05-19 12:00 JST', 'Adopting Sustainable Partnerships for Innovative Research Ecosystem (ASPIRE)', ' (JST)',
      'Submission deadline moved from 2025-05-12 12:00 JST to 2025-05-19 12:00 JST (7 days later)', 'Before: ', 'Deadline: May 12, 2025 12:00 noon JST',
      '• Submission deadline (Call for proposals): 2025-05-19 12:00 JST', 'Ref. dlv-0001',
    ]));
    expect(urls(message)).toEqual(['https://www.jst.go.jp/aspire/en/', LINKS.manage, LINKS.unsubscribe]);
    const ja = teamsChanges(changeMessage({ lang: 'ja' }, [changeEvent()], options()));
    expect(runs(ja)).toEqual(expect.arrayContaining(['先端国際共同研究推進事業', '変更前: ', '今後の締切:']));
    expect(nodes(ja.attachments[0].content).filter((n) => n.type === 'Action.OpenUrl').map((n) => n.title)).toEqual(['ページ', '配信内容の変更', '配信停止']);
  });

  it('keeps page text out of Markdown: it is only ever a TextRun, and the only links are the page and the signed links', () => {
    const message = teamsChanges(changeMessage({ lang: 'en' }, [hostileEvent()], options({ programmes: hostileProgrammes() })));
    const types = new Set(nodes(message.attachments[0].content).map((n) => n.type));
    expect(types.has('TextBlock')).toBe(false);
    expect(types.has('FactSet')).toBe(false);
    expect(runs(message)).toContain(HOSTILE);
    expect(runs(message)).toContain(`${HOSTILE} (after)`);
    expect(urls(message)).toEqual(['https://www.jst.go.jp/aspire/en/', LINKS.manage, LINKS.unsubscribe]);
  });

  it('never makes a button of a page URL that is not http(s)', () => {
    const message = teamsChanges(changeMessage({ lang: 'en' }, [changeEvent({}, 'e1', 'javascript:alert(1)')], options()));
    expect(urls(message)).toEqual([LINKS.manage, LINKS.unsubscribe]);
  });

  it('stays under Teams\' message size with hundreds of changes, counting the ones left out', () => {
    const message = teamsChanges(changeMessage({ lang: 'en' }, manyEvents(300, 40), options({ programmes: new Map() })));
    expect(new TextEncoder().encode(JSON.stringify(message)).length).toBeLessThan(28_000);
    const shown = runs(message).filter((r) => r.startsWith('Contact added')).length;
    expect(shown).toBeGreaterThan(5);
    expect(runs(message)).toContain(`… and ${300 - shown} more changes: see them on the pages above or in your preferences.`);
    expect(problems(message.attachments[0].content)).toEqual([]);
  });
});

describe('the adaptivecards check', () => {
  it('does report a card it cannot render, so an empty list above means something', () => {
    expect(problems({ type: 'AdaptiveCard', version: '1.4', body: [{ type: 'Bogus' }], actions: [{ type: 'Action.OpenUrl', title: 'x' }] }).length).toBeGreaterThan(0);
    expect(problems({ type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextRun', text: 'a run alone' }] })).toHaveLength(1);
  });
});

describe('teamsReminders', () => {
  it('gives each deadline, soonest first, with the page\'s words and a button to the page, in both languages', () => {
    const later = reminder({ key: 'rem-2', daysLeft: 10 }, { date: '2026-12-16', iso: '2026-12-16T12:00:00+09:00' });
    const en = teamsReminders(reminderMessage({ lang: 'en' }, [later, reminder({ daysLeft: 3, offset: 3 })], options()));
    expect(problems(en.attachments[0].content)).toEqual([]);
    const texts = runs(en);
    expect(texts[0]).toBe('Reminder: ASPIRE submission deadline in 3 days (2026-12-10 12:00 JST) (+1 more)');
    expect(texts.indexOf('Submission deadline (Application deadline): 2026-12-10 12:00 JST (in 3 days)'))
      .toBeLessThan(texts.indexOf('Submission deadline (Application deadline): 2026-12-16 12:00 JST (in 10 days)'));
    const ja = teamsReminders(reminderMessage({ lang: 'ja' }, [reminder()], options()));
    expect(runs(ja)).toContain('提出締切 (Application deadline): 2026-12-10 12:00 JST（あと14日）');
    expect(problems(ja.attachments[0].content)).toEqual([]);
  });
});

describe('teamsConfirmation', () => {
  it('carries only the request and the confirm button', () => {
    for (const lang of ['en', 'ja'] as const) {
      const message = teamsConfirmation(confirmationMessage({ lang }, CONFIRM_LINK));
      expect(urls(message)).toEqual([CONFIRM_LINK]);
      expect(runs(message)).toHaveLength(3);
      expect(problems(message.attachments[0].content)).toEqual([]);
    }
  });
});
