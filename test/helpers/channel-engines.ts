/**
 * What the channel tests share: the notifier's engines (dynalite, the SES emulator, the mailer), the local webhook
 * receiver, a poster allowed to post to it that never really sleeps, and a fresh table per test.
 */
import type { Store } from '#core/ports/store.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import type { WebhookPosterOptions } from '#io/webhooks/options.ts';
import { createWebhookPoster, type WebhookPoster } from '#io/webhooks/poster.ts';
import { startLocalReceiver, type LocalReceiver } from '#io/webhooks/local-receiver.ts';
import { startMailEngines, type MailEngines } from './mail-engines.ts';

export interface ChannelEngines extends MailEngines {
  receiver: LocalReceiver;
  /** A poster for the local receiver, signing with `signingKey`; no gap between posts and no real waiting unless overridden. */
  poster(signingKey: string, overrides?: Partial<WebhookPosterOptions>): WebhookPoster;
  /** A store on a table of its own (named `<prefix>-<n>`), so tests share the engines and nothing else. */
  freshStore(prefix: string): Promise<Store>;
}

export async function startChannelEngines(): Promise<ChannelEngines> {
  const mail = await startMailEngines();
  const receiver = await startLocalReceiver();
  let tables = 0;
  return {
    ...mail,
    receiver,
    poster: (signingKey, overrides = {}) => createWebhookPoster({ localOrigins: [receiver.origin], signingKey, perDestinationGapMs: 0,
      sleep: async () => undefined, ...overrides }),
    async freshStore(prefix) {
      const name = `${prefix}-${(tables += 1)}`;
      await ensureTable(mail.client, name);
      return createDynamoStore({ tableName: name, client: mail.client });
    },
    async close() {
      await receiver.close();
      await mail.close();
    },
  };
}
