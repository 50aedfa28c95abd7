/** One entry point per message, whatever the channel: the right format for its kind, the delivery key as messageId, page text inert in all three. */
import { describe, expect, it } from 'vitest';
import { CHANNEL_KINDS, type ChannelKind } from '#core/domain/channels.ts';
import { renderChannelChanges, renderChannelConfirmation, renderChannelReminders } from '#core/notification/channels/render.ts';
import { CONFIRM_LINK, HOSTILE, changeEvent, channelSubscriber, hostileEvent, hostileProgrammes, options, reminder } from './fixtures.ts';

/** What tells the three formats apart at a glance. */
const shape = (body: string): string => {
  const json = JSON.parse(body) as Record<string, unknown>;
  return json.blocks ? 'slack' : json.attachments ? 'teams' : String(json.type);
};

/** A Slack message without its plain_text objects, which Slack shows as they are. */
function withoutPlainText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPlainText);
  if (!value || typeof value !== 'object') return value;
  if ((value as { type?: unknown }).type === 'plain_text') return null;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutPlainText(v)]));
}

describe('renderChannelChanges', () => {
  it('renders for the channel\'s kind and posts under the delivery key', () => {
    const expected: Record<ChannelKind, string> = { slack: 'slack', teams: 'teams', webhook: 'fundwatch.changes' };
    for (const kind of CHANNEL_KINDS) {
      const subscriber = channelSubscriber(kind);
      const post = renderChannelChanges(subscriber, [changeEvent()], options());
      expect(shape(post.body)).toBe(expected[kind]);
      expect(post.messageId).toBe('dlv-0001');
      expect(post.destination).toEqual(subscriber.channel);
    }
  });

  it('renders the same bytes again for a retry of the same delivery, so the same body is signed under the same id', () => {
    for (const kind of CHANNEL_KINDS) {
      const first = renderChannelChanges(channelSubscriber(kind, 'ja'), [changeEvent(), hostileEvent()], options());
      expect(renderChannelChanges(channelSubscriber(kind, 'ja'), [hostileEvent(), changeEvent()], options())).toEqual(first);
    }
  });

  it('keeps hostile page text inert in all three formats', () => {
    const body = (kind: ChannelKind): string => renderChannelChanges(channelSubscriber(kind), [hostileEvent()], options({ programmes: hostileProgrammes() })).body;
    // Slack parses mrkdwn and the top-level text, never a header's plain_text: there the page's syntax is escaped.
    const slack = JSON.stringify(withoutPlainText(JSON.parse(body('slack'))));
    expect(slack).not.toContain('<https://evil.example');
    expect(slack).not.toContain('<!channel>');
    expect(slack).toContain('&lt;https://evil.example/phish|Click to confirm&gt;');
    // Teams reads Markdown in TextBlocks only: the card has none, the page's words are TextRuns as written.
    expect(body('teams')).not.toContain('"type":"TextBlock"');
    expect(body('teams')).toContain(`"text":${JSON.stringify(HOSTILE)}`);
    // The webhook carries data: the words come back exactly, and no link is made of them.
    expect((JSON.parse(body('webhook')) as { events: { evidence: { before: string } }[] }).events[0]!.evidence.before).toBe(HOSTILE);
    for (const kind of CHANNEL_KINDS) expect(body(kind)).not.toMatch(/"url":"(https:\/\/evil|javascript:)/);
  });

  it('refuses a subscriber without a channel and says to send it e-mail', () => {
    const { channel: _, ...mailbox } = channelSubscriber('slack');
    expect(() => renderChannelChanges(mailbox, [changeEvent()], options())).toThrow(/has no channel: send it e-mail/);
  });
});

describe('renderChannelReminders', () => {
  it('renders reminders for each kind under the delivery key', () => {
    for (const kind of CHANNEL_KINDS) {
      const post = renderChannelReminders(channelSubscriber(kind), [reminder()], options({ reference: 'rem-dlv' }));
      expect(post.messageId).toBe('rem-dlv');
      expect(post.body).toContain('2026-12-10');
      expect(shape(post.body)).toBe(kind === 'webhook' ? 'fundwatch.reminders' : kind);
    }
  });
});

describe('renderChannelConfirmation', () => {
  it('sends each kind of channel only the request and the confirm link', () => {
    for (const kind of CHANNEL_KINDS) {
      const post = renderChannelConfirmation(channelSubscriber(kind), CONFIRM_LINK, { reference: 'confirm-1', now: options().now });
      expect(post.messageId).toBe('confirm-1');
      expect(post.body).toContain(CONFIRM_LINK);
      expect(new Set(post.body.match(/https?:\/\/[^"|<>\s]+/g)?.filter((u) => !u.startsWith('http://adaptivecards.io/')))).toEqual(new Set([CONFIRM_LINK]));
      expect(shape(post.body)).toBe(kind === 'webhook' ? 'fundwatch.channel.confirm' : kind);
    }
  });
});
