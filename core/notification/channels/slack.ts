/**
 * Slack messages for an incoming webhook: Block Kit `blocks` and the `text` Slack shows in notifications.
 * A header with the e-mail's subject, a section per change (its summary, the page's words before and after
 * as a quote), a context per programme with its pages and next deadlines, and a context with the way out.
 * Scraped text goes through escapeMrkdwn (slack-text.ts). Block Kit's limits are kept by construction: past
 * 50 blocks the rest is counted in one "… and N more changes" block, never a refused message.
 */
import type { ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { ChangeItem, ChangeMessage, Footer, ProgrammeGroup } from './message.ts';
import type { ConfirmationMessage, ReminderItem, ReminderMessage } from './reminder-message.ts';
import { escapeMrkdwn, mrkdwn, plain, slackLink } from './slack-text.ts';
import { STRINGS } from './strings.ts';
import { referenceLine } from '../email/change-email.ts';

/** What Slack's incoming webhooks take: blocks, and the text for notifications and clients without blocks. */
export interface SlackMessage { text: string; blocks: KnownBlock[] }

/** Block Kit's limits for a message (docs.slack.dev, Block Kit reference). */
export const SLACK_LIMITS = { blocks: 50, text: 3000, header: 150, contextElements: 10 } as const;

const header = (title: string): HeaderBlock => ({ type: 'header', text: plain(title, SLACK_LIMITS.header) });
const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text) });
const context = (texts: string[]): ContextBlock => ({ type: 'context', elements: texts.slice(0, SLACK_LIMITS.contextElements).map((t) => mrkdwn(t)) });

/** The blocks of one programme: its name, a section per change shown, and its pages and next deadlines. */
type Unit = { blocks: KnownBlock[]; changes: number };

/** A change alert or digest. */
export function slackChanges(message: ChangeMessage): SlackMessage {
  const t = STRINGS[message.lang];
  const budget = SLACK_LIMITS.blocks - 2 /* header, intro */ - 2 /* footer */ - 1 /* "and N more" */;
  const units: Unit[] = [];
  let left = budget;
  for (const group of message.groups) {
    const fits = Math.min(group.items.length, left - 2);
    if (fits < 1) break;
    units.push({ blocks: groupBlocks(group, group.items.slice(0, fits), message.lang), changes: fits });
    left -= fits + 2;
  }
  const omitted = message.count - units.reduce((n, u) => n + u.changes, 0);
  const blocks: KnownBlock[] = [header(message.title), section(escapeMrkdwn(message.intro)), ...units.flatMap((u) => u.blocks),
    ...(omitted > 0 ? [section(`_${escapeMrkdwn(t.moreChanges(omitted))}_`)] : []), ...footerBlocks(message.footer)];
  return { text: escapeMrkdwn(`${message.title}\n${message.intro}`), blocks };
}

function groupBlocks(group: ProgrammeGroup, items: ChangeItem[], lang: 'en' | 'ja'): KnownBlock[] {
  const t = STRINGS[lang];
  const pages = group.pages.map((url) => slackLink(url, url.replace(/^https?:\/\//, '')));
  const upcoming = group.upcoming.length ? [`*${escapeMrkdwn(t.upcoming)}*\n${group.upcoming.map((line) => `• ${escapeMrkdwn(line)}`).join('\n')}`] : [];
  return [
    section(`*${escapeMrkdwn(group.name)}* (${escapeMrkdwn(group.agency)})`),
    ...items.map((item) => section(changeText(item))),
    context([`${escapeMrkdwn(t.page)}: ${pages.join(' · ')}`, ...upcoming]),
  ];
}

/** "*summary*" then each quote on its own line: ">_Before:_ the page's words". */
function changeText(item: ChangeItem): string {
  return [`*${escapeMrkdwn(item.summary)}*`, ...item.quotes.map((q) => `>_${escapeMrkdwn(q.label)}:_ ${escapeMrkdwn(q.text)}`)].join('\n');
}

function footerBlocks(footer: Footer): KnownBlock[] {
  const links = footer.links ? [`${slackLink(footer.links.manage, footer.manage)} · ${slackLink(footer.links.unsubscribe, footer.unsubscribe)}`] : [];
  return [{ type: 'divider' }, context([escapeMrkdwn(footer.why), ...links, escapeMrkdwn(referenceLine(footer.reference))])];
}

/** Reminders before deadlines: a section per deadline, soonest first. */
export function slackReminders(message: ReminderMessage): SlackMessage {
  const t = STRINGS[message.lang];
  const room = SLACK_LIMITS.blocks - 2 - 2 - 1;
  const shown = message.items.slice(0, room);
  const omitted = message.items.length - shown.length;
  const blocks: KnownBlock[] = [header(message.title), section(escapeMrkdwn(message.intro)),
    ...shown.map((item) => section(reminderText(item, message.lang))),
    ...(omitted > 0 ? [section(`_${escapeMrkdwn(t.moreReminders(omitted))}_`)] : []), ...footerBlocks(message.footer)];
  return { text: escapeMrkdwn(`${message.title}\n${message.intro}`), blocks };
}

function reminderText(item: ReminderItem, lang: 'en' | 'ja'): string {
  const t = STRINGS[lang];
  return [
    `*${escapeMrkdwn(item.programme)}* (${escapeMrkdwn(item.agency)})`,
    `${escapeMrkdwn(t.call)}: ${escapeMrkdwn(item.call)}`,
    `*${escapeMrkdwn(item.due)}*`,
    `>_${escapeMrkdwn(t.says)}:_ ${escapeMrkdwn(item.says)}`,
    `${escapeMrkdwn(t.page)}: ${slackLink(item.url, item.url.replace(/^https?:\/\//, ''))}`,
  ].join('\n');
}

/** The first message to a channel: the request and the link that confirms it, nothing else. */
export function slackConfirmation(message: ConfirmationMessage): SlackMessage {
  return {
    text: `${escapeMrkdwn(message.title)}: ${slackLink(message.link, message.button)}`,
    blocks: [
      header(message.title),
      section(`${escapeMrkdwn(message.body)}\n\n*${slackLink(message.link, message.button)}*`),
      context([escapeMrkdwn(message.ignore)]),
    ],
  };
}
