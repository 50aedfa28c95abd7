/**
 * Text for Slack's mrkdwn, where scraped words must stay words. Slack parses `&`, `<` and `>` as control
 * characters (links `<url|label>`, mentions `<!channel>`, `<@U…>`), and asks that they be sent as `&amp;`,
 * `&lt;` and `&gt;` when they are text. Its formatting marks (`*bold*`, `_italic_`, `~strike~`, `` `code` ``)
 * have no escape at all (a backslash stays a backslash), so in scraped text they become look-alike
 * characters that Slack does not parse. Only our own links use the `<url|label>` form.
 */
import type { MrkdwnElement, PlainTextElement } from '@slack/types';
import { httpUrl } from './message.ts';

const CONTROL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/** Look-alikes for mrkdwn's marks: asterisk operator, fullwidth low line, tilde operator, modifier grave accent. */
const MARKS: Record<string, string> = { '*': '\u2217', _: '\uff3f', '~': '\u223c', '`': '\u02cb' };
/** A word joiner after the @ of a broadcast word, so no parser can read it as @channel, @here or @everyone. */
const BROADCAST = /@(?=(?:channel|here|everyone)\b)/giu;

/** Scraped or our own text as inert mrkdwn: no link, mention, entity or formatting can come out of it. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => CONTROL[c]!).replace(/[*_~`]/g, (c) => MARKS[c]!).replace(BROADCAST, '@\u2060');
}

/** Only http(s) URLs become links; `&` and `|` are the two characters that would break out of `<url|label>`. */
export function slackLink(url: string, label: string): string {
  const href = httpUrl(url);
  if (!href) return escapeMrkdwn(url);
  return `<${href.replace(/&/g, '&amp;').replace(/\|/g, '%7C')}|${escapeMrkdwn(label)}>`;
}

/**
 * Cuts mrkdwn to Slack's limit for a text object, never inside an entity (`&amp;`) or one of our links,
 * so the cut text still parses as what it was.
 */
export function clampMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';')) cut = cut.slice(0, amp);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  return `${cut}…`;
}

/** A mrkdwn text object that Slack takes verbatim: no automatic links, channel names or mentions. */
export const mrkdwn = (text: string, max = 3000): MrkdwnElement => ({ type: 'mrkdwn', text: clampMrkdwn(text, max), verbatim: true });

/** Plain text is never parsed for links or mentions, so it needs no entities; only one line, and the block's limit. */
export const plain = (text: string, max: number): PlainTextElement => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return { type: 'plain_text', text: flat.length > max ? `${flat.slice(0, max - 1)}…` : flat, emoji: false };
};
