/**
 * Channels end to end on the real local components: a Slack, a Teams and a generic webhook channel added and
 * confirmed through the subscription pages (the confirm link arrives in the channel itself), then offline
 * cycles over the recorded pages. Each local receiver gets exactly the messages its filters ask for, once; a
 * notifier killed after its first post and run again posts nothing twice; a webhook that is gone (410)
 * disables its channel and its owner is e-mailed; a busy one (429, Retry-After) is waited for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { notifyPending, type NotifyReport } from '#core/notification/notify.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import type { Poster } from '#core/ports/poster.ts';
import type { Store } from '#core/ports/store.ts';
import { createSubscriptionPages } from '#web/subscription-pages/handler.ts';
import { startPageServer, type PageServer } from '#io/http/node-server.ts';
import { createWebhookPoster, type WebhookPoster } from '#io/webhooks/poster.ts';
import { startLocalReceiver, type LocalReceiver } from '#io/webhooks/local-receiver.ts';
import type { FixtureServer } from '#io/local/fixture-server.ts';
import type { SesEmulator } from '#io/local/ses-emulator.ts';
import { startE2eWorld, type E2eWorld } from '../helpers/e2e-world.ts';
import { form, openAndPress } from '../helpers/pages-client.ts';

type Kind = 'slack' | 'teams' | 'webhook';
const KINDS: Kind[] = ['slack', 'teams', 'webhook'];

describe('channels, from the form to the messages', () => {
  let world: E2eWorld;
  let store: Store;
  let mailer: Mailer;
  let ses: SesEmulator;
  let fixtures: FixtureServer;
  let pages: PageServer;
  let poster: WebhookPoster;
  /** One receiver per channel, so that each can be made to refuse on its own. */
  const receivers = {} as Record<Kind, LocalReceiver>;
  const waits: number[] = [];
  const closers: Array<() => Promise<void>> = [];
  const links = { secret: 'channels-e2e-secret-0123456789abcdef0123', baseUrl: '' };
  /** The notifier's clock: a run "a quarter of an hour later" moves it, past the claim timeout. */
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);

  const cycle = (): Promise<void> => world.cycle();
  const notify = (through: Poster = poster): Promise<NotifyReport> => notifyPending({ store, mailer, poster: through, clock, links });
  const urlOf = (kind: Kind) => receivers[kind].urlFor(kind, 'office');
  /** The change messages a channel received (its confirmation request aside). */
  const changesIn = (kind: Kind) => receivers[kind].received.slice(1);
  const ids = (kind: Kind) => changesIn(kind).map((p) => p.messageId);

  beforeAll(async () => {
    world = await startE2eWorld('fundwatch-channels-e2e');
    ({ store, mailer, ses, fixtures } = world);
    for (const kind of KINDS) receivers[kind] = await startLocalReceiver();
    const localOrigins = KINDS.map((k) => receivers[k].origin);
    // The local receivers answer findSent: a run that died after a post learns it arrived.
    const findSent = async (key: string) => (await Promise.all(KINDS.map((k) => receivers[k].findSent(key)))).find(Boolean);
    poster = createWebhookPoster({ localOrigins, signingKey: links.secret, perDestinationGapMs: 0, findSent, sleep: async (ms) => { waits.push(ms); } });
    const handler = createSubscriptionPages({ store, mailer, poster, channelOrigins: localOrigins, clock: () => new Date(), links },
      { programmes: [{ id: 'jst-aspire', agency: 'JST', names: { en: 'ASPIRE' } }] });
    pages = await startPageServer(async (req) => handler(req));
    links.baseUrl = pages.url;
    closers.push(() => pages.close(), () => poster.close(), ...KINDS.map((k) => () => receivers[k].close()), () => world.close());
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('delivers each change to each channel exactly once, through kills, a gone webhook and a busy one', async () => {
    // 1. An office adds three channels on the pages: Slack for JST only, Teams in Japanese, a webhook for everything.
    const added: Record<Kind, Array<[string, string]>> = { slack: [['agencies', 'JST']], teams: [['lang', 'ja']], webhook: [] };
    for (const kind of KINDS) {
      const answer = await fetch(new URL('channels', pages.url), form([['kind', kind], ['url', urlOf(kind)], ['owner', `${kind}-owner@example.org`], ...added[kind]]));
      expect(await answer.text()).toContain('confirmation link was posted to the channel');
    }
    // 2. Each channel holds only its confirmation request until someone follows it; the webhook's page shows its secret once.
    let secret = '';
    for (const kind of KINDS) {
      expect(receivers[kind].received).toHaveLength(1);
      const link = /https?:\/\/[^\s"<>]+\/confirm\?token=[\w.-]+/.exec(receivers[kind].received[0]!.body)![0];
      const page = await (await openAndPress(link)).text();
      expect(page).toContain(kind === 'teams' ? '登録が完了しました' : 'Subscription confirmed');
      if (kind === 'webhook') secret = /whsec_[A-Za-z0-9+/=]+/.exec(page)![0];
    }

    // 3. The first cycle reads the pages; the second finds their changes: one message to each channel.
    await cycle();
    expect((await notify()).postsSent).toBe(0);
    fixtures.setStep(2);
    await cycle();
    expect(await notify()).toMatchObject({ postsSent: 3, failures: [] });
    for (const kind of KINDS) expect(changesIn(kind)).toHaveLength(1);
    expect(changesIn('slack')[0]!.body).toContain('ASPIRE');
    expect(changesIn('slack')[0]!.body).not.toContain('AMED');
    expect(changesIn('teams')[0]!.body).toContain('締切');
    const webhookPost = changesIn('webhook')[0]!;
    expect(() => new Webhook(secret).verify(webhookPost.body, webhookPost.headers)).not.toThrow();

    // 4. The pages change back; the notifier dies right after its first post lands. The next run, a quarter of an
    // hour later, finds that post and sends the rest: nothing twice.
    fixtures.setStep(1);
    await cycle();
    let posts = 0;
    const dying: Poster = { ...poster, post: async (m) => { const out = await poster.post(m); if ((posts += 1) === 1) throw new Error('killed'); return out; } };
    await notify(dying);
    offsetMs += 15 * 60_000;
    expect(await notify()).toMatchObject({ failures: [], recovered: { recorded: 1, released: 0 } });
    for (const kind of KINDS) {
      expect(changesIn(kind)).toHaveLength(2);
      expect(new Set(ids(kind)).size).toBe(2);
    }

    // 5. Teams' webhook is deleted (410) and the webhook endpoint is busy (429, one second): the change goes to
    // Slack and, after the wait, the webhook; Teams is disabled and its owner hears of it once.
    receivers.teams.answerNext(1, 410);
    receivers.webhook.answerNext(1, 429, '1');
    fixtures.setStep(2);
    await cycle();
    const gone = await notify();
    expect(gone.channelsDisabled).toHaveLength(1);
    expect(waits).toContain(1000);
    expect([changesIn('slack').length, changesIn('teams').length, changesIn('webhook').length]).toEqual([3, 2, 3]);
    const ownerMail = (await ses.emails()).filter((e) => e.destination.to.includes('teams-owner@example.org'));
    expect(ownerMail.map((e) => e.subject)).toEqual(['fundwatch は Microsoft Teams チャンネルへの投稿を停止しました']);

    // 6. Nothing is left owed, and the disabled channel gets nothing more.
    fixtures.setStep(1);
    await cycle();
    await notify();
    expect([changesIn('slack').length, changesIn('teams').length, changesIn('webhook').length]).toEqual([4, 2, 4]);
    expect(await store.listPendingEvents()).toEqual([]);
  });
});
