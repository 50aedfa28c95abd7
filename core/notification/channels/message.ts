/**
 * What a channel message about changes says, before any format: the change e-mail's content
 * (core/notification/email/change-email.ts) as plain values, which slack.ts and teams.ts then lay out and
 * escape for their own markup. Every string here that came from a page is raw: a renderer must escape it.
 */
import { oneLine } from '#lib/escape.ts';
import type { ChangeEvent } from '../../domain/changes.ts';
import type { Subscriber } from '../../domain/subscribers.ts';
import { headline } from '../../changes/summaries.ts';
import type { SubscriberLinks } from '../../subscriptions/links.ts';
import { deadlineTitle, deadlineWhen, shortName, type ProgrammeContext } from '../email/change-email.ts';
import { STRINGS, type Lang } from './strings.ts';
import { groupBy } from '#lib/group-by.ts';
import { byImportance, nameIn, quoteLabels } from '../change-order.ts';

/** What every channel renderer needs beside the records; the e-mail's RenderOptions, with the delivery's identity required. */
export interface ChannelOptions {
  /** The outbox's delivery key: the post's messageId (Standard Webhooks' webhook-id), the same on every retry. */
  reference: string;
  /** When the message is rendered: the generic payload's timestamp. */
  now: Date;
  /** The subscriber's signed links (preferences, unsubscribe). */
  links?: SubscriberLinks;
  /** Per programme id: its names and upcoming deadlines (from the latest snapshots). */
  programmes?: Map<string, ProgrammeContext>;
  /** A digest instead of an immediate alert. */
  digest?: 'daily' | 'weekly';
}

export interface Quote { label: string; text: string }
export interface ChangeItem { id: string; summary: string; quotes: Quote[] }
export interface ProgrammeGroup {
  programId: string;
  name: string;
  agency: string;
  /** The watched pages the changes were seen on (raw: check the scheme before linking). */
  pages: string[];
  items: ChangeItem[];
  /** "Submission deadline (Call for proposals): 2025-05-19 12:00 JST", the programme's next dates. */
  upcoming: string[];
}
/** Why the message came, the way out, and the delivery's reference. */
export interface Footer { why: string; manage: string; unsubscribe: string; links?: SubscriberLinks; reference: string }
export interface ChangeMessage { lang: Lang; title: string; intro: string; groups: ProgrammeGroup[]; count: number; footer: Footer }

/**
 * The change e-mail's content for a channel: its subject as the title, then per programme (most important
 * first) each change's summary and the page's words before and after.
 *
 * @example
 * changeMessage(subscriber, [movedDeadline], options).title // 'ASPIRE: submission deadline moved to 2025-05-19 12:00 JST'
 */
export function changeMessage(subscriber: Pick<Subscriber, 'lang'>, events: ChangeEvent[], options: ChannelOptions): ChangeMessage {
  const lang = subscriber.lang;
  const t = STRINGS[lang];
  const sorted = [...events].sort(byImportance);
  const top = sorted[0];
  const name = (programId: string): string => shortName(programId, nameIn(options.programmes?.get(programId), lang));
  const lead = top ? `${name(top.change.programId)}: ${headline(top.change, lang)}${sorted.length > 1 ? t.more(sorted.length - 1) : ''}` : t.intro;
  const title = oneLine(options.digest ? `${t.digest(t[options.digest])}: ${lead}` : lead, 150);
  const intro = options.digest ? t.digestIntro(sorted.length, t[options.digest]) : t.intro;
  const groups = [...groupBy(sorted, (e) => e.change.programId).values()].map((group) => programmeGroup(group, lang, options));
  return { lang, title, intro, groups, count: sorted.length, footer: footer(lang, t.why, options) };
}

export function footer(lang: Lang, why: string, options: Pick<ChannelOptions, 'links' | 'reference'>): Footer {
  const t = STRINGS[lang];
  return { why, manage: t.manage, unsubscribe: t.unsubscribe, reference: options.reference, ...(options.links ? { links: options.links } : {}) };
}

function programmeGroup(events: ChangeEvent[], lang: Lang, options: ChannelOptions): ProgrammeGroup {
  const first = events[0]!;
  const context = options.programmes?.get(first.change.programId);
  return {
    programId: first.change.programId,
    name: oneLine(nameIn(context, lang) ?? first.change.programId, 160),
    agency: first.agency,
    pages: [...new Set(events.map((e) => e.url))],
    items: events.map((e) => changeItem(e, lang)),
    upcoming: (context?.upcoming ?? []).map((d) => `${deadlineTitle(d, lang)}: ${deadlineWhen(d, lang)}`),
  };
}

function changeItem(event: ChangeEvent, lang: Lang): ChangeItem {
  const { change } = event;
  const [was, now] = quoteLabels(change, STRINGS[lang]);
  const quotes = [{ label: was, text: change.evidence.before }, { label: now, text: change.evidence.after }]
    .filter((q): q is Quote => Boolean(q.text))
    .map((q) => ({ label: q.label, text: oneLine(q.text, 300) }));
  return { id: event.id, summary: oneLine(change.summary[lang], 300), quotes };
}

/** The URL as the WHATWG parser writes it (spaces, quotes and angle brackets percent-encoded), if it is http(s). */
export function httpUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

