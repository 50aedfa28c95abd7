/**
 * Kill the process anywhere, run again, and nothing is lost or doubled. A seeded fast-check property
 * draws a kill point k among every mutating operation of a step-2 run (each DynamoDB write the Store
 * makes, commitSnapshot's three kinds of put included, and each SES send): from operation k on, the
 * "process" is dead and everything it tries throws Crash. A send that is the kill point dies either
 * before SES accepts the message or after (sent, but the caller never learnt it). The next scheduled
 * run, a quarter of an hour later (past the outbox's claim timeout), must leave the table and the
 * inboxes exactly as one run without a crash left them (the reference, computed once on its own table).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { BatchWriteItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ChangeEvent } from '#core/domain/changes.ts';
import { notifyPending } from '#core/notification/notify.ts';
import { DEFAULT_CLAIM_TIMEOUT_MS } from '#core/notification/outbox.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import type { Store } from '#core/ports/store.ts';
import { referenceLine } from '#core/notification/email/change-email.ts';
import { createSesMailer } from '#io/mail/ses-mailer.ts';
import { createDynamoStore, ensureTable } from '#io/store/dynamo-store.ts';
import { loadRegistry, type Source } from '#parsers/sources.ts';
import { countByRecipientAndReference, localClient, startWorld, SUBSCRIBERS, type World } from '../helpers/cycle-world.ts';

class Crash extends Error {
  override name = 'Crash';
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

/**
 * The process's life: counts its mutating operations and dies at the k-th. Labels say which Store
 * method (or the mailer) each operation belonged to, for the counterexample's sake.
 */
class Life {
  ops = 0;
  dead = false;
  readonly log: string[] = [];
  readonly method = new AsyncLocalStorage<string>();
  constructor(readonly killAt = Number.POSITIVE_INFINITY, readonly sentBeforeDeath = false) {}

  alive(): void {
    if (this.dead) throw new Crash('the process is dead');
  }
  /** One mutating operation about to happen: it happens, unless this is where the process dies. */
  mutate(what: string): void {
    this.alive();
    this.ops += 1;
    this.log.push(`${this.method.getStore() ?? '?'}/${what}`);
    if (this.ops === this.killAt) {
      this.dead = true;
      throw new Crash(`killed at operation ${this.ops} (${what})`);
    }
  }
}

/** A DynamoDB client whose every call goes through `life` (a write counts; anything after death throws). */
function mortalClient(endpoint: string, life: Life): DynamoDBClient {
  const client = localClient(endpoint);
  client.middlewareStack.add((next, context) => async (args) => {
    const command = context.commandName ?? '?';
    if (WRITES.has(command)) life.mutate(command.replace(/Command$/, ''));
    else life.alive();
    return next(args);
  }, { step: 'initialize', name: 'crashPoint', priority: 'high' });
  return client;
}

/** The Store with each call labelled (which method a DynamoDB write belongs to) and refused after death. */
function labelled(store: Store, life: Life): Store {
  return Object.fromEntries(Object.entries(store).map(([name, fn]) => [name, (...args: unknown[]) => {
    life.alive();
    return life.method.run(name, () => (fn as (...a: unknown[]) => Promise<unknown>)(...args));
  }])) as unknown as Store;
}

function mortalMailer(mailer: Mailer, life: Life): Mailer {
  return {
    async send(mail, key) {
      if (life.ops + 1 === life.killAt && life.sentBeforeDeath) {
        // Dies after SES accepted the message: it went out, the caller never learnt it.
        life.alive();
        const out = await mailer.send(mail, key);
        life.mutate('send (accepted)');
        return out;
      }
      life.method.run('mailer', () => life.mutate('send'));
      return mailer.send(mail, key);
    },
    findSent: (key) => { life.alive(); return mailer.findSent(key); },
  };
}

/** The slice of the registry that keeps a run short: every page that changes at step 2, the cosmetic one, one that stays. */
const SOURCE_IDS = ['jst-aspire-about-en', 'jst-aspire-about-ja', 'jst-aspire-top-en', 'amed-aspire-en', 'amed-interstellar-en',
  'jsps-fellowships-en', 'jst-crest-en'];

const BASELINE_AT = Date.parse('2025-04-01T00:00:00Z');
/** A day later, so the daily digest is due at step 2 too. */
const KILLED_AT = BASELINE_AT + 86_400_000;
const RERUN_AT = KILLED_AT + DEFAULT_CLAIM_TIMEOUT_MS + 5 * 60_000;

interface Outcome {
  /** sourceId -> sorted "category|id" of every stored change event. */
  changes: Record<string, string[]>;
  /** sourceId -> [latest version, its recordHash, the state's version]. */
  latest: Record<string, [number | undefined, string | undefined, number | undefined]>;
  /** "recipient (untagged)|delivery key" -> e-mails received at step 2. */
  emails: Record<string, number>;
  pending: string[];
  /** The change log as the byTime index lists it (what `fundwatch changes` and the feeds read): ids, sorted. */
  timeline: string[];
  openClaims: string[];
  digestAt: string | undefined;
}

describe('a run killed at any store write or e-mail send, then run again', () => {
  let world: World;
  let sources: Source[];
  let baseline: Record<string, AttributeValue>[];
  let reference: Outcome;
  let referenceOps: string[];
  let tables = 0;

  beforeAll(async () => {
    world = await startWorld();
    const registry = await loadRegistry();
    sources = SOURCE_IDS.map((id) => registry.find((s) => s.id === id)!);
    // The step-1 baseline, built once: a healthy cycle and notification, then copied into every table.
    const store = await world.table('crash-baseline');
    world.server.setStep(1);
    const report = await world.cycle(store, sources, () => new Date(BASELINE_AT), { concurrency: 1 });
    expect(report.results.map((r) => r.outcome)).toEqual(sources.map(() => 'new'));
    await notifyPending({ store, mailer: world.mailer(), clock: () => new Date(BASELINE_AT) });
    baseline = await scanAll(world.client, 'fw-crash-baseline');

    const healthy = new Life();
    const { tag } = await freshTable();
    await stepTwo(tag, healthy, KILLED_AT);
    referenceOps = healthy.log;
    reference = await outcomeOf(tag);
    // The reference run must actually change, store, send and digest something, or the property proves little.
    expect(Object.values(reference.changes).flat().length).toBeGreaterThan(5);
    expect(Object.keys(reference.emails).length).toBeGreaterThanOrEqual(4);
    expect(reference.digestAt).toBe(new Date(KILLED_AT).toISOString());
    expect(reference.timeline.length).toBeGreaterThan(5);
    console.log(`reference run: ${referenceOps.length} mutating operations: ${referenceOps.map((op, i) => `${i + 1} ${op}`).join(', ')}`);
  });
  afterAll(async () => {
    await world?.close();
  });

  async function freshTable(): Promise<{ tag: string; name: string }> {
    const tag = `crash-${(tables += 1)}`;
    const name = `fw-${tag}`;
    await ensureTable(world.client, name);
    await writeAll(world.client, name, baseline);
    // Same subscriber ids (so the same delivery keys as the reference), addresses of this table only.
    const store = createDynamoStore({ tableName: name, client: world.client });
    for (const s of await store.listSubscribers()) await store.putSubscriber({ ...s, email: s.email.replace(/\+crash-baseline@/, `+${tag}@`) });
    return { tag, name };
  }

  /** SES as seen by this table: a message counts as sent only if it went to this table's addresses. */
  function mailerFor(tag: string): Mailer {
    return createSesMailer({ from: 'fundwatch <alerts@fundwatch.local>', endpoint: world.ses.endpoint, maxPerSecond: 1000,
      lookup: async (key) => {
        const found = (await world.inbox(tag)).find((e) => e.body.text?.split(/\r?\n/).some((l) => l.trim() === referenceLine(key)));
        return found ? { messageId: found.messageId } : undefined;
      } });
  }

  /** The step-2 cycle and notification of one process (which `life` may end early). */
  async function stepTwo(tag: string, life: Life, at: number): Promise<void> {
    const client = mortalClient(world.endpoint, life);
    try {
      const store = labelled(createDynamoStore({ tableName: `fw-${tag}`, client }), life);
      const mailer = mortalMailer(mailerFor(tag), life);
      world.server.setStep(2);
      // One source at a time: the kill point then names the same operation on every run of the seed.
      await world.cycle(store, sources, () => new Date(at), { concurrency: 1 });
      await notifyPending({ store, mailer, clock: () => new Date(at) }).catch((err: unknown) => {
        if (!(err instanceof Crash)) throw err;
      });
    } finally {
      client.destroy();
    }
  }

  async function outcomeOf(tag: string): Promise<Outcome> {
    const store = createDynamoStore({ tableName: `fw-${tag}`, client: world.client });
    const changes: Outcome['changes'] = {};
    const latest: Outcome['latest'] = {};
    for (const s of sources) {
      changes[s.id] = (await store.listChanges(s.id)).map((e: ChangeEvent) => `${e.change.category}|${e.id}`).sort();
      const snapshot = await store.getLatestSnapshot(s.id);
      latest[s.id] = [snapshot?.version, snapshot?.recordHash, (await store.getState(s.id))?.snapshotVersion];
    }
    const emails = Object.fromEntries(Object.entries(countByRecipientAndReference(await world.inbox(tag)))
      .map(([key, n]) => [key.replace(`+${tag}@`, '@'), n]));
    const subscribers = await store.listSubscribers();
    const claims = (await Promise.all(subscribers.map((s) => store.listSendClaims(s.id)))).flat();
    return {
      changes, latest, emails,
      pending: (await store.listPendingEvents()).map((e) => e.id).sort(),
      // From the baseline to after the rerun: the index is partitioned by month, so a narrow window is a query or two.
      timeline: (await store.listChangesBetween(new Date(BASELINE_AT - 86_400_000).toISOString(), new Date(RERUN_AT + 86_400_000).toISOString())).map((e) => e.id).sort(),
      openClaims: claims.filter((c) => c.status !== 'sent').map((c) => c.key),
      digestAt: subscribers.find((s) => s.id === `${SUBSCRIBERS[3]!.id}-crash-baseline`)?.lastDigestAt,
    };
  }

  // N = 54 mutating operations in the reference run (7 sources, 4 subscribers). Every kill point is run once as an
  // example (both deaths for each send), then 30 more drawn by the seeded generator: the examples already cover every
  // point, so the draws only repeat some in other orders of tables, and more of them cost minutes, not coverage.
  it('leaves every change stored once, every snapshot right and every e-mail sent once (seed 20250408, every kill point + 30 drawn)', async () => {
    const n = referenceOps.length;
    expect(n).toBeGreaterThan(20);
    const everyPoint: Array<[number, boolean]> = referenceOps.flatMap((op, i) => op.startsWith('mailer/') ? [[i + 1, false], [i + 1, true]] as Array<[number, boolean]> : [[i + 1, false]]);
    // The cycle reports what the dead process could not do (store errors per source, the disagreement check): quiet here.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: n }), fc.boolean(), async (killAt, sentBeforeDeath) => {
      const { tag } = await freshTable();
      const life = new Life(killAt, sentBeforeDeath);
      await stepTwo(tag, life, KILLED_AT);
      expect(life.dead, `kill point ${killAt} of ${n} was reached`).toBe(true);
      // The next scheduled run, healthy, past the claim timeout.
      await stepTwo(tag, new Life(), RERUN_AT);
      const after = await outcomeOf(tag);
      const where = `killed at ${killAt}/${n} (${referenceOps[killAt - 1]}${sentBeforeDeath ? ', after SES accepted' : ''})`;
      expect(after.changes, where).toEqual(reference.changes);
      expect(after.latest, where).toEqual(reference.latest);
      expect(after.emails, where).toEqual(reference.emails);
      expect(after.pending, where).toEqual(reference.pending);
      // The index views agree with the items: no change listed twice or missing from the log.
      expect(after.timeline, where).toEqual(reference.timeline);
      expect(after.openClaims, where).toEqual([]);
      // The digest counts as sent whichever run sent it, so the next one waits its day.
      expect(after.digestAt, where).toBeDefined();
    }), { numRuns: 30, seed: 20250408, examples: everyPoint, endOnFailure: true }).finally(() => quiet.mockRestore());
  }, 300_000);
});

async function scanAll(client: DynamoDBClient, TableName: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName, ExclusiveStartKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

async function writeAll(client: DynamoDBClient, TableName: string, items: Record<string, AttributeValue>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests: Record<string, Array<{ PutRequest?: { Item: Record<string, AttributeValue> } }>> | undefined =
      { [TableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) };
    while (requests && Object.keys(requests).length > 0) {
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: requests as never }));
      requests = out.UnprocessedItems as typeof requests;
    }
  }
}
