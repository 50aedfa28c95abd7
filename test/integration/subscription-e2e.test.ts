/**
 * A subscriber's whole life, end to end on the real local components: subscribe on the form, confirm
 * through the link in the e-mail that arrives, receive exactly the changes asked for over two offline
 * cycles, unsubscribe with the RFC 8058 one-click POST, and receive nothing more, while another
 * subscriber keeps receiving (so there was something to receive).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyPending } from '#core/notification/notify.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import type { Store } from '#core/ports/store.ts';
import { createSubscriptionPages } from '#web/subscription-pages/handler.ts';
import { startPageServer, type PageServer } from '#io/http/node-server.ts';
import type { EmulatedEmail, SesEmulator } from '#io/local/ses-emulator.ts';
import type { FixtureServer } from '#io/local/fixture-server.ts';
import { startE2eWorld, type E2eWorld } from '../helpers/e2e-world.ts';
import { form, openAndPress } from '../helpers/pages-client.ts';

describe('subscribe, confirm, receive, unsubscribe', () => {
  let world: E2eWorld;
  let store: Store;
  let mailer: Mailer;
  let ses: SesEmulator;
  let fixtures: FixtureServer;
  let pages: PageServer;
  const closers: Array<() => Promise<void>> = [];
  const links = { secret: 'e2e-secret-0123456789abcdef0123456789abcdef', baseUrl: '' };

  const cycleAndNotify = async () => {
    await world.cycle();
    return notifyPending({ store, mailer, clock: () => new Date(), links });
  };
  const inbox = async (address: string): Promise<EmulatedEmail[]> => (await ses.emails()).filter((e) => e.destination.to.includes(address));
  const linkIn = (email: EmulatedEmail, path: string): string => {
    const url = email.body.text?.match(new RegExp(`https?://\\S+/${path}\\?token=[\\w.-]+`))?.[0];
    expect(url, `a ${path} link in "${email.subject}"`).toBeDefined();
    return url!;
  };

  beforeAll(async () => {
    world = await startE2eWorld('fundwatch-e2e');
    ({ store, mailer, ses, fixtures } = world);
    pages = await startPageServer(async (req) => handler(req));
    links.baseUrl = pages.url;
    const handler = createSubscriptionPages({ store, mailer, clock: () => new Date(), links }, { programmes: [{ id: 'jst-aspire', agency: 'JST', names: { en: 'ASPIRE' } }] });
    closers.push(() => pages.close(), () => world.close());
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('goes through the whole life of a subscription', async () => {
    // 1. Two people subscribe on the form: one to JST only, one to everything.
    const subscribed = await fetch(new URL('subscribe', pages.url), form([['email', 'kenkyu@example.jp'], ['lang', 'en'], ['delivery', 'immediate'], ['agencies', 'JST']]));
    expect(subscribed.status).toBe(200);
    expect(await subscribed.text()).toContain('Check your inbox');
    await fetch(new URL('subscribe', pages.url), form([['email', 'office@example.org'], ['lang', 'ja'], ['delivery', 'immediate']]));
    // A third follows only calls about a topic no page mentions, in a field and with a partner country, and wants no reminders.
    const narrow = await fetch(new URL('subscribe', pages.url), form([['email', 'narrow@example.org'], ['lang', 'en'], ['keywords', 'cryptozoology, 未確認生物'],
      ['fields', 'Quantum'], ['countries', 'DE'], ['reminders', '']]));
    expect(narrow.status).toBe(200);
    expect((await store.listSubscribers()).find((s) => s.email === 'narrow@example.org')).toMatchObject({
      filters: { keywords: ['cryptozoology', '未確認生物'], fields: ['Quantum'], countries: ['DE'] }, reminders: { offsets: [] } });

    // 2. Nothing but the confirmation goes out before the link is clicked.
    await cycleAndNotify();
    const [confirmation, ...rest] = await inbox('kenkyu@example.jp');
    expect(rest).toEqual([]);
    expect(confirmation!.subject).toBe('Confirm your fundwatch subscription');
    // Opening the link changes nothing (mail scanners open links too); the page's button confirms.
    const opened = await fetch(linkIn(confirmation!, 'confirm'));
    expect(opened.status).toBe(200);
    expect((await store.listSubscribers()).find((s) => s.email === 'kenkyu@example.jp')?.status).toBe('pending');
    const confirmed = await openAndPress(linkIn(confirmation!, 'confirm'));
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Subscription confirmed');
    await openAndPress(linkIn((await inbox('office@example.org'))[0]!, 'confirm'));
    await openAndPress(linkIn((await inbox('narrow@example.org'))[0]!, 'confirm'));

    // 3. The later versions of the pages: the JST subscriber gets exactly the JST changes, once.
    fixtures.setStep(2);
    const second = await cycleAndNotify();
    expect(second.emailsSent).toBe(2);
    const alerts = (await inbox('kenkyu@example.jp')).slice(1);
    expect(alerts).toHaveLength(1);
    // Four changes to JST's programmes, a moved deadline first; the e-ASIA changes in JST's overseas reference
    // document are about AMED's programme and go to AMED's subscribers.
    expect(alerts[0]!.subject).toBe('ASPIRE: submission deadline moved to 2025-05-19 12:00 JST (+3 more)');
    expect(alerts[0]!.body.text).toContain('Now: "Call for proposals: March 3 – Noon, May 19, 2025"');
    // The Japanese slides moved it too: both said, and no disagreement between the languages about it.
    expect(alerts[0]!.body.text).toContain('Now: "研究提案〆切：2025年5月19日（月）正午"');
    expect(alerts[0]!.body.text).not.toContain('different submission deadlines');
    expect(alerts[0]!.body.text).not.toContain('AMED');

    // 4. One click, the way a mail client does it (RFC 8058).
    const unsubscribeUrl = linkIn(alerts[0]!, 'unsubscribe');
    const oneClick = await fetch(unsubscribeUrl, form([['List-Unsubscribe', 'One-Click']]));
    expect(oneClick.status).toBe(200);
    expect((await store.listSubscribers()).find((s) => s.email === 'kenkyu@example.jp')?.status).toBe('unsubscribed');

    // 5. The pages go back to their first versions: real changes again, for the other subscriber only.
    fixtures.setStep(1);
    const third = await cycleAndNotify();
    expect(third.emailsSent).toBe(1);
    expect(await inbox('kenkyu@example.jp')).toHaveLength(2);
    expect((await inbox('office@example.org')).length).toBe(3);
    // Nothing the pages changed was about the narrow subscriber's topic: the confirmation is all they got.
    expect(await inbox('narrow@example.org')).toHaveLength(1);
  });
});
