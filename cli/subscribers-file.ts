/** A local subscribers file: the stand-in for the subscription flow until it exists (see README). */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { Agency } from '#parsers/schema.ts';
import { CHANGE_CATEGORIES, type Subscriber } from '#core/model.ts';

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
    }).default({}),
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
