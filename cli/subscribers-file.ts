/**
 * A local subscribers file: confirmed subscribers loaded as they are, for demos and tests (see README). Beside
 * the e-mail `subscribers`, `channels` are Slack, Teams or generic webhooks, loaded only by callers that can
 * post to them (`fundwatch run`, with its local receiver); the others read the e-mail subscribers alone.
 */
import { readFile } from 'node:fs/promises';
// The namespace import lets the bundler keep only the parts of zod used (the named `z` export pulls all of it in).
import * as z from 'zod';
import { Agency } from '#parsers/schema.ts';
import { CHANGE_CATEGORIES } from '#core/domain/changes.ts';
import { DELIVERY_MODES, type Subscriber } from '#core/domain/subscribers.ts';
import { MAX_KEYWORD_LENGTH, MAX_KEYWORDS } from '#core/subscriptions/filter-choices.ts';
import { CHANNEL_KINDS } from '#core/domain/channels.ts';
import { localChannelUrl } from './local-channels.ts';

const Subscription = z.object({
    id: z.string().min(1),
    lang: z.enum(['en', 'ja']).default('en'),
    status: z.enum(['pending', 'confirmed', 'unsubscribed']).default('confirmed'),
    filters: z.object({
      agencies: z.array(Agency).optional(),
      programs: z.array(z.string()).optional(),
      categories: z.array(z.enum(CHANGE_CATEGORIES)).optional(),
      keywords: z.array(z.string().trim().min(1).max(MAX_KEYWORD_LENGTH)).max(MAX_KEYWORDS).optional(),
      fields: z.array(z.string().min(1)).optional(),
      countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'a partner country is an ISO 3166-1 alpha-2 code such as US, or EU')).optional(),
    }).default({}),
    /** Unset: 14 and 3 days before every matching deadline; offsets [] turns reminders off. */
    reminders: z.object({
      offsets: z.array(z.number().int().min(0).max(365)),
      programs: z.array(z.string().min(1)).optional(),
    }).optional(),
    delivery: z.enum(DELIVERY_MODES).optional(),
});

/**
 * A channel names either its webhook `url` or, for the local receiver, a `local` name: `{ "kind": "slack",
 * "local": "demo" }` is http://127.0.0.1:8788/slack/demo (cli/local-channels.ts says why that origin is fixed).
 */
const Channel = Subscription.extend({
  owner: z.email(),
  kind: z.enum(CHANNEL_KINDS),
  local: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'a local channel name is letters, digits, dots, dashes or underscores').optional(),
  url: z.url({ protocol: /^https$/ }).optional(),
  label: z.string().max(80).optional(),
}).refine((c) => (c.local === undefined) !== (c.url === undefined), 'a channel names either "local" (the local receiver) or "url" (an https webhook URL)');

const SubscribersFile = z.object({
  subscribers: z.array(Subscription.extend({ email: z.email() })),
  channels: z.array(Channel).default([]),
});

/** The file's e-mail subscribers, and with `{ channels: true }` its channels after them. */
export async function loadSubscribersFile(file: string, options: { channels?: boolean } = {}): Promise<Subscriber[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the subscribers file ${file} (${(err as Error).message}); pass a JSON file with --subscribers`);
  }
  const parsed = SubscribersFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}; fix that entry and run again`);
  }
  if (!options.channels) return parsed.data.subscribers;
  return [...parsed.data.subscribers, ...parsed.data.channels.map(({ owner, kind, local, url, label, ...rest }): Subscriber => ({
    ...rest, email: owner,
    // A generic webhook is signed with the secret derived from the data folder's link secret and this version.
    channel: { kind, url: local ? localChannelUrl(kind, local) : url!, ...(label ? { label } : {}), ...(kind === 'webhook' ? { secretVersion: 1 } : {}) },
  }))];
}
