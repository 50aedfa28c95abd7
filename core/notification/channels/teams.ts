/**
 * Microsoft Teams messages for a Workflows webhook ("When a Teams webhook request is received", whose
 * template posts each attachment's card to the channel): `{ type: 'message', attachments: [an Adaptive Card] }`.
 *
 * Teams reads a TextBlock's text as Markdown (bold, italics, lists, `[title](url)` links), and Adaptive Cards
 * have no escape for it; a RichTextBlock's TextRuns are never read as Markdown. So every word here, ours and
 * the pages', is a TextRun, and the only links are Action.OpenUrl buttons to http(s) URLs we chose (the
 * watched page, the subscriber's signed links). Version 1.4: what Teams renders on desktop, web and mobile.
 * A card is kept under Teams' message size (about 28 KB): past the budget the rest is counted, not sent.
 */
import { httpUrl, type ChangeItem, type ChangeMessage, type Footer, type ProgrammeGroup } from './message.ts';
import type { ConfirmationMessage, ReminderItem, ReminderMessage } from './reminder-message.ts';
import { STRINGS, type Lang } from './strings.ts';
import { referenceLine } from '../email/change-email.ts';

type CardElement = Record<string, unknown>;
export interface AdaptiveCard { type: 'AdaptiveCard'; $schema: string; version: '1.4'; body: CardElement[]; actions: CardElement[]; msteams: { width: 'Full' } }
export interface TeamsMessage {
  type: 'message';
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: AdaptiveCard }];
}

/** Bytes of card JSON we allow ourselves, under Teams' 28 KB for a message with room for the envelope. */
export const TEAMS_CARD_BUDGET = 24_000;

type RunStyle = { weight?: 'Bolder'; italic?: true; size?: 'Large' | 'Small'; isSubtle?: true };
const run = (text: string, style: RunStyle = {}): CardElement => ({ type: 'TextRun', text, ...style });
const rich = (...inlines: CardElement[]): CardElement => ({ type: 'RichTextBlock', inlines });
const openUrl = (title: string, url: string): CardElement[] => {
  const href = httpUrl(url);
  return href ? [{ type: 'Action.OpenUrl', title, url: href }] : [];
};

function message(body: CardElement[], actions: CardElement[]): TeamsMessage {
  const content: AdaptiveCard = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.4', body, actions, msteams: { width: 'Full' } };
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }] };
}

const encoder = new TextEncoder();
const size = (value: unknown): number => encoder.encode(JSON.stringify(value)).length;

/** A change alert or digest: a container per programme, as many changes as the budget holds, the rest counted. */
export function teamsChanges(m: ChangeMessage): TeamsMessage {
  const t = STRINGS[m.lang];
  const head = [rich(run(m.title, { size: 'Large', weight: 'Bolder' })), rich(run(m.intro))];
  const tail = footerBlocks(m.footer);
  let used = size([head, tail]) + 1_000;
  let shown = 0;
  const groups: CardElement[] = [];
  for (const group of m.groups) {
    const container = fittingGroup(group, m.lang, TEAMS_CARD_BUDGET - used);
    if (!container) break;
    groups.push(container.block);
    used += container.bytes;
    shown += container.changes;
  }
  const more = m.count > shown ? [rich(run(t.moreChanges(m.count - shown), { italic: true }))] : [];
  return message([...head, ...groups, ...more, ...tail], footerActions(m.footer));
}

/** The programme's container with as many of its changes as fit in `room` bytes, or none if not even one does. */
function fittingGroup(group: ProgrammeGroup, lang: Lang, room: number): { block: CardElement; bytes: number; changes: number } | undefined {
  for (let n = group.items.length; n > 0; n--) {
    const block = groupBlock(group, group.items.slice(0, n), lang);
    const bytes = size(block);
    if (bytes <= room) return { block, bytes, changes: n };
  }
  return undefined;
}

function groupBlock(group: ProgrammeGroup, items: ChangeItem[], lang: Lang): CardElement {
  const t = STRINGS[lang];
  const upcoming = group.upcoming.length ? [rich(run(`${t.upcoming}:`, { weight: 'Bolder' })), ...group.upcoming.map((line) => rich(run(`• ${line}`)))] : [];
  const pages = group.pages.flatMap((url, i) => openUrl(group.pages.length > 1 ? `${t.page} ${i + 1}` : t.page, url));
  return {
    type: 'Container', separator: true, spacing: 'Medium',
    items: [
      rich(run(group.name, { weight: 'Bolder' }), run(` (${group.agency})`)),
      ...items.flatMap((item) => changeBlocks(item)),
      ...upcoming,
      ...(pages.length ? [{ type: 'ActionSet', actions: pages }] : []),
    ],
  };
}

/** The summary in bold, then each quote: its label in italics and the page's words. */
const changeBlocks = (item: ChangeItem): CardElement[] => [
  rich(run(item.summary, { weight: 'Bolder' })),
  ...item.quotes.map((q) => rich(run(`${q.label}: `, { italic: true, isSubtle: true }), run(q.text))),
];

function footerBlocks(footer: Footer): CardElement[] {
  return [{ type: 'Container', separator: true, items: [rich(run(footer.why, { size: 'Small', isSubtle: true })), rich(run(referenceLine(footer.reference), { size: 'Small', isSubtle: true }))] }];
}

const footerActions = (footer: Footer): CardElement[] =>
  footer.links ? [...openUrl(footer.manage, footer.links.manage), ...openUrl(footer.unsubscribe, footer.links.unsubscribe)] : [];

/** Reminders before deadlines, soonest first, as many as the budget holds. */
export function teamsReminders(m: ReminderMessage): TeamsMessage {
  const t = STRINGS[m.lang];
  const head = [rich(run(m.title, { size: 'Large', weight: 'Bolder' })), rich(run(m.intro))];
  const tail = footerBlocks(m.footer);
  let used = size([head, tail]) + 1_000;
  const items: CardElement[] = [];
  for (const item of m.items) {
    const block = reminderBlock(item, m.lang);
    if (used + size(block) > TEAMS_CARD_BUDGET) break;
    items.push(block);
    used += size(block);
  }
  const more = m.items.length > items.length ? [rich(run(t.moreReminders(m.items.length - items.length), { italic: true }))] : [];
  return message([...head, ...items, ...more, ...tail], footerActions(m.footer));
}

function reminderBlock(item: ReminderItem, lang: Lang): CardElement {
  const t = STRINGS[lang];
  const page = openUrl(t.page, item.url);
  return {
    type: 'Container', separator: true, spacing: 'Medium',
    items: [
      rich(run(item.programme, { weight: 'Bolder' }), run(` (${item.agency})`)),
      rich(run(`${t.call}: `, { isSubtle: true }), run(item.call)),
      rich(run(item.due, { weight: 'Bolder' })),
      rich(run(`${t.says}: `, { italic: true, isSubtle: true }), run(item.says)),
      ...(page.length ? [{ type: 'ActionSet', actions: page }] : []),
    ],
  };
}

/** The first message to a channel: the request and the button that confirms it, nothing else. */
export function teamsConfirmation(m: ConfirmationMessage): TeamsMessage {
  return message(
    [rich(run(m.title, { size: 'Large', weight: 'Bolder' })), rich(run(m.body)), rich(run(m.ignore, { size: 'Small', isSubtle: true }))],
    openUrl(m.button, m.link),
  );
}
