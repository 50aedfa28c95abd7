/** A local subscribers file: the stand-in for the subscription flow until it exists (see README). */
import { readFile } from 'node:fs/promises';
// The namespace import lets the bundler keep only the parts of zod used (the named `z` export pulls all of it in).
import * as z from 'zod';
import { Agency } from '#parsers/schema.ts';
import { CHANGE_CATEGORIES } from '#core/domain/changes.ts';
import { DELIVERY_MODES, type Subscriber } from '#core/domain/subscribers.ts';
import { MAX_KEYWORD_LENGTH, MAX_KEYWORDS } from '#core/subscriptions/filter-choices.ts';

const SubscribersFile = z.object({
  subscribers: z.array(z.object({
    id: z.string().min(1),
    email: z.email(),
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
  })),
});

export async function loadSubscribersFile(file: string): Promise<Subscriber[]> {
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
  return parsed.data.subscribers;
}
