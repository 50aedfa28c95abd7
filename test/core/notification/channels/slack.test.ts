/** Slack Block Kit messages: what the change e-mail says, typed by @slack/types, within Block Kit's limits, and page text kept inert. */
import { describe, expect, it } from 'vitest';
import type { ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { changeMessage } from '#core/notification/channels/message.ts';
import { confirmationMessage, reminderMessage } from '#core/notification/channels/reminder-message.ts';
import { SLACK_LIMITS, slackChanges, slackConfirmation, slackReminders, type SlackMessage } from '#core/notification/channels/slack.ts';
import { escapeMrkdwn } from '#core/notification/channels/slack-text.ts';
import { CONFIRM_LINK, LINKS, changeEvent, hostileEvent, hostileProgrammes, manyEvents, options, reminder } from './fixtures.ts';

const sections = (m: SlackMessage): string[] => m.blocks.filter((b): b is SectionBlock => b.type === 'section').map((b) => b.text!.text);
const contexts = (m: SlackMessage): string[] => m.blocks.filter((b): b is ContextBlock => b.type === 'context').flatMap((b) => b.elements.map((e) => ('text' in e ? e.text : '')));
const headerOf = (m: SlackMessage): string => (m.blocks.find((b): b is HeaderBlock => b.type === 'header')!).text.text;

/** Every limit Block Kit refuses a message for, checked on the whole message. */
function expectWithinLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const block of message.blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.header);
    if (block.type === 'section') expect(block.text!.text.length).toBeGreaterThan(0);
    if (block.type === 'section') expect(block.text!.text.length).toBeLessThanOrEqual(SLACK_LIMITS.text);
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
    if (block.type === 'context') for (const e of block.elements) expect('text' in e && e.text.length <= SLACK_LIMITS.text).toBe(true);
  }
}

/** The mrkdwn of a message with our own links taken out: what is left must hold no control character at all. */
function withoutOurLinks(text: string, allowed: string[]): string {
  return text.replace(/<([^|>]*)\|([^>]*)>/g, (_, href: string) => {
    expect(allowed.map((u) => u.replace(/&/g, '&amp;'))).toContain(href);
    return '';
  });
}

describe('slackChanges', () => {
  it('heads the message with the e-mail\'s subject, quotes the page before and after, and links the page and its next deadlines', () => {
    const message = slackChanges(changeMessage({ lang: 'en' }, [changeEvent()], options()));
    expect(headerOf(message)).toBe('ASPIRE: submission deadline moved to 2025-05-19 12:00 JST');
    expect(sections(message)).toContain('*Submission deadline moved from 2025-05-12 12:00 JST to 2025-05-19 12:00 JST (7 days later)*\n'
      + '>_Before:_ Deadline: May 12, 2025 12:00 noon JST\n>_Now:_ Deadline: May 19, 2025 12:00 noon JST');
    expect(sections(message)).toContain('*Adopting Sustainable Partnerships for Innovative Research Ecosystem (ASPIRE)* (JST)');
    expect(contexts(message)).toContain('Page: <https://www.jst.go.jp/aspire/en/|www.jst.go.jp/aspire/en/>');
    expect(contexts(message)).toContain('*Upcoming deadlines*\n• Submission deadline (Call for proposals): 2025-05-19 12:00 JST');
    expect(message.text).toContain('ASPIRE: submission deadline moved to 2025-05-19 12:00 JST');
  });

  it('writes in Japanese for a Japanese subscriber, with the programme\'s Japanese name', () => {
    const message = slackChanges(changeMessage({ lang: 'ja' }, [changeEvent()], options({ digest: 'weekly' })));
    expect(headerOf(message)).toBe('fundwatch 毎週のまとめ: 先端国際共同研究推進事業: 提出締切が2025-05-19 12:00 JSTに変更');
    expect(sections(message)).toContain('fundwatch 毎週のまとめ: フォロー中のページで1件の変更がありました。');
    expect(sections(message).join('\n')).toContain('>_変更前:_ Deadline: May 12, 2025 12:00 noon JST');
    expect(contexts(message)).toContain(`<${LINKS.manage}|配信内容の変更> · <${LINKS.unsubscribe}|配信停止>`);
  });

  it('ends with the signed links as Slack links (their tokens untouched) and the delivery reference', () => {
    const message = slackChanges(changeMessage({ lang: 'en' }, [changeEvent()], options()));
    expect(message.blocks.at(-2)).toEqual({ type: 'divider' });
    expect(contexts(message)).toContain(`<${LINKS.manage}|Change what you receive> · <${LINKS.unsubscribe}|Unsubscribe>`);
    expect(contexts(message)).toContain('Ref. dlv-0001');
  });

  it('is a list of @slack/types KnownBlocks whose text objects Slack takes verbatim', () => {
    const message: SlackMessage = slackChanges(changeMessage({ lang: 'en' }, [changeEvent(), hostileEvent()], options()));
    const blocks: KnownBlock[] = message.blocks;
    const texts = blocks.flatMap((b) => (b.type === 'section' ? [b.text!] : b.type === 'context' ? b.elements : []));
    expect(texts.length).toBeGreaterThan(3);
    for (const t of texts) expect(t).toMatchObject({ type: 'mrkdwn', verbatim: true });
    expectWithinLimits(message);
  });

  it('keeps within 50 blocks by counting what does not fit in one "and N more changes" block', () => {
    const events = manyEvents(200, 30);
    const message = slackChanges(changeMessage({ lang: 'en' }, events, options({ programmes: new Map() })));
    expectWithinLimits(message);
    const shown = sections(message).filter((s) => s.startsWith('*Contact added')).length;
    expect(shown).toBeGreaterThan(10);
    expect(sections(message)).toContain(`_… and ${200 - shown} more changes: see them on the pages above or in your preferences._`);
    expect(message.blocks.at(-1)?.type).toBe('context');
  });

  it('cuts a long header to 150 characters and a section to 3000 without breaking an entity', () => {
    const long = changeEvent({ summary: { en: `Eligibility reworded: ${'R&D '.repeat(900)}`, ja: 'x' }, category: 'eligibility', severity: 'medium', evidence: { before: '&'.repeat(300), after: '<'.repeat(300) } });
    const message = slackChanges(changeMessage({ lang: 'en' }, [long], options({ programmes: new Map([['jst-aspire', { names: { en: 'N'.repeat(400) }, upcoming: [] }]]) })));
    expectWithinLimits(message);
    expect(headerOf(message).length).toBe(150);
    const change = sections(message).find((s) => s.startsWith('*Eligibility'))!;
    expect(change.length).toBe(SLACK_LIMITS.text);
    expect(change.endsWith('…')).toBe(true);
    expect(change.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
  });

  it('turns hostile page text into inert text: no link, mention, entity or formatting comes out of it', () => {
    const message = slackChanges(changeMessage({ lang: 'en' }, [hostileEvent()], options({ programmes: hostileProgrammes() })));
    const allowed = [LINKS.manage, LINKS.unsubscribe, 'https://www.jst.go.jp/aspire/en/'];
    for (const text of [message.text, ...sections(message), ...contexts(message)]) {
      // Our own quote marks open a line; any other angle bracket would be Slack syntax.
      const rest = withoutOurLinks(text, allowed).replace(/^>/gm, '');
      expect(rest).not.toMatch(/[<>]/);
      expect(rest.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      expect(rest).not.toMatch(/@(channel|here)\b/);
    }
    const all = sections(message).join('\n');
    expect(all).toContain('&lt;https://evil.example/phish|Click to confirm&gt;');
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('∗bold∗ ＿italic＿ ∼strike∼ ˋcodeˋ');
    expect(all).toContain('AT&amp;T &amp;amp; &amp;lt;tag&amp;gt;');
    expect(all).not.toContain('*bold*');
  });

  it('never makes a link of a page URL that is not http(s)', () => {
    const message = slackChanges(changeMessage({ lang: 'en' }, [changeEvent({}, 'e1', 'javascript:alert(1)//<x|y>')], options()));
    expect(contexts(message)).toContain('Page: javascript:alert(1)//&lt;x|y&gt;');
  });
});

describe('escapeMrkdwn', () => {
  it('escapes Slack\'s three control characters and nothing else of the text\'s letters', () => {
    expect(escapeMrkdwn('a & b < c > d 日本語')).toBe('a &amp; b &lt; c &gt; d 日本語');
  });
});

describe('slackReminders', () => {
  it('gives each deadline its date in Japan time, how soon, the page\'s words and the page, in English and Japanese', () => {
    const en = slackReminders(reminderMessage({ lang: 'en' }, [reminder()], options()));
    expect(headerOf(en)).toBe('Reminder: ASPIRE submission deadline in 14 days (2026-12-10 12:00 JST)');
    expect(sections(en)).toContain('*Adopting Sustainable Partnerships for Innovative Research Ecosystem (ASPIRE)* (JST)\nCall: FY2025 call for proposals\n'
      + '*Submission deadline (Application deadline): 2026-12-10 12:00 JST (in 14 days)*\n'
      + '>_The page says:_ Application deadline: December 10, 2026 (Thu) 12:00 noon (JST)\nPage: <https://www.jst.go.jp/aspire/en/program/call.html|www.jst.go.jp/aspire/en/program/call.html>');
    const ja = slackReminders(reminderMessage({ lang: 'ja' }, [reminder()], options()));
    expect(headerOf(ja)).toBe('リマインダー: 先端国際共同研究推進事業 提出締切まであと14日（2026-12-10 12:00 JST）');
    expect(contexts(ja).join('\n')).toContain('締切リマインダー');
  });

  it('keeps within 50 blocks with many reminders, counting the rest', () => {
    const many = Array.from({ length: 80 }, (_, i) => reminder({ key: `rem-${i}`, daysLeft: i % 15 }, { callTitle: `Call ${i} ${'*x* '.repeat(50)}` }));
    const message = slackReminders(reminderMessage({ lang: 'en' }, many, options()));
    expectWithinLimits(message);
    expect(sections(message).at(-1)).toBe('_… and 35 more deadlines coming up._');
  });
});

describe('slackConfirmation', () => {
  it('says only that someone asked for alerts here and links the confirmation, in the subscriber\'s language', () => {
    const en = slackConfirmation(confirmationMessage({ lang: 'en' }, CONFIRM_LINK));
    expect(en.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expect(sections(en)[0]).toContain(`*<${CONFIRM_LINK}|Confirm alerts for this channel>*`);
    expect(en.text).toBe(`Confirm fundwatch alerts for this channel: <${CONFIRM_LINK}|Confirm alerts for this channel>`);
    const links = [en.text, ...sections(en), ...contexts(en)].join('\n').match(/<[^>]+>/g);
    expect(new Set(links)).toEqual(new Set([`<${CONFIRM_LINK}|Confirm alerts for this channel>`]));
    const ja = slackConfirmation(confirmationMessage({ lang: 'ja' }, CONFIRM_LINK));
    expect(headerOf(ja)).toBe('このチャンネルへの fundwatch 通知の確認');
    expectWithinLimits(ja);
  });
});
