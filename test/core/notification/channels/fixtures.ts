/** Records for the channel renderer tests: a subscriber per kind, changes, reminders, and page text that tries to break out. */
import type { ChannelKind } from '#core/domain/channels.ts';
import type { ChangeEvent } from '#core/domain/changes.ts';
import type { Subscriber } from '#core/domain/subscribers.ts';
import type { ProgrammeContext } from '#core/notification/email/change-email.ts';
import type { Reminder } from '#core/notification/reminders.ts';
import type { ChannelOptions } from '#core/notification/channels/render.ts';
import { deadline } from '../../../helpers/catalog.ts';

/** Page text that would be a link, a mention, formatting or markup if a renderer let it through. */
export const HOSTILE_TEXTS = [
  '<https://evil.example/phish|Click to confirm>', '*bold* _italic_ ~strike~ `code`', '@channel @here', '<!channel> <!here> <@U123>',
  '<b>HTML</b><script>alert(1)</script>', '[a](javascript:alert(1)) [b](https://evil.example/)', 'AT&T &amp; &lt;tag&gt;',
];
export const HOSTILE = HOSTILE_TEXTS.join(' ');

export const LINKS = { manage: 'https://fundwatch.example.org/preferences?token=m_1-x', unsubscribe: 'https://fundwatch.example.org/unsubscribe?token=u_2-y' };
export const CONFIRM_LINK = 'https://fundwatch.example.org/confirm?token=c_3-z';
export const NOW = new Date('2026-11-26T01:00:00.000Z');

export function channelSubscriber(kind: ChannelKind, lang: 'en' | 'ja' = 'en'): Subscriber {
  return {
    id: `sub-${kind}-${lang}`, email: 'office@example.org', lang, status: 'confirmed', filters: {},
    channel: { kind, url: `https://hooks.example.org/${kind}/secret-path`, ...(kind === 'webhook' ? { secretVersion: 1 } : {}) },
  };
}

export const programmes = (): Map<string, ProgrammeContext> => new Map([['jst-aspire', {
  names: { en: 'Adopting Sustainable Partnerships for Innovative Research Ecosystem (ASPIRE)', ja: '先端国際共同研究推進事業' },
  upcoming: [{ kind: 'submission', label: 'Call for proposals', date: '2025-05-19', time: '12:00', timezone: 'Asia/Tokyo', iso: '2025-05-19T12:00:00+09:00', evidence: '' }],
}]]);

export function options(overrides: Partial<ChannelOptions> = {}): ChannelOptions {
  return { reference: 'dlv-0001', now: NOW, links: LINKS, programmes: programmes(), ...overrides };
}

export function changeEvent(overrides: Partial<ChangeEvent['change']> = {}, id = 'e1', url = 'https://www.jst.go.jp/aspire/en/'): ChangeEvent {
  return {
    id, sourceId: 'jst-aspire-top-en', agency: 'JST', url, detectedAt: '2025-04-01T00:00:00.000Z', fromVersion: 1, toVersion: 2,
    change: {
      programId: 'jst-aspire', callId: 'fy2025', category: 'deadline', kind: 'changed', severity: 'high',
      before: { kind: 'submission', date: '2025-05-12', time: '12:00', iso: '2025-05-12T12:00:00+09:00' },
      after: { kind: 'submission', date: '2025-05-19', time: '12:00', iso: '2025-05-19T12:00:00+09:00' },
      summary: { en: 'Submission deadline moved from 2025-05-12 12:00 JST to 2025-05-19 12:00 JST (7 days later)', ja: '提出締切が2025-05-12 12:00 JSTから2025-05-19 12:00 JSTに変更されました（7日延期）' },
      evidence: { before: 'Deadline: May 12, 2025 12:00 noon JST', after: 'Deadline: May 19, 2025 12:00 noon JST' },
      ...overrides,
    },
  };
}

/** A change whose every scraped string is hostile: summary, evidence, and the programme's name. */
export function hostileEvent(id = 'e-hostile'): ChangeEvent {
  return changeEvent({ category: 'eligibility', severity: 'medium', summary: { en: `Eligibility reworded: ${HOSTILE}`, ja: `応募資格の文言が変更されました: ${HOSTILE}` },
    evidence: { before: HOSTILE, after: `${HOSTILE} (after)` } }, id);
}

export const hostileProgrammes = (): Map<string, ProgrammeContext> => new Map([['jst-aspire', { names: { en: HOSTILE, ja: HOSTILE }, upcoming: [] }]]);

/** `n` changes spread over `programmes` programmes, for the size limits. */
export function manyEvents(n: number, programmeCount: number): ChangeEvent[] {
  return Array.from({ length: n }, (_, i) => changeEvent({ programId: `prog-${i % programmeCount}`, category: 'contact', kind: 'added', severity: 'low',
    summary: { en: `Contact added: office${i}@example.org`, ja: `問い合わせ先追加: office${i}@example.org` }, evidence: { after: `Contact: office${i}@example.org ${'x'.repeat(200)}` } },
  `e${String(i).padStart(4, '0')}`, `https://www.jst.go.jp/p/${i % programmeCount}/`));
}

export function reminder(overrides: Partial<Reminder> = {}, page: Parameters<typeof deadline>[0] = {}): Reminder {
  return {
    key: 'rem-1', subscriberId: 's1', offset: 14, daysLeft: 14,
    deadline: deadline({ programName: { en: 'Adopting Sustainable Partnerships for Innovative Research Ecosystem (ASPIRE)', ja: '先端国際共同研究推進事業' }, ...page }),
    ...overrides,
  };
}
