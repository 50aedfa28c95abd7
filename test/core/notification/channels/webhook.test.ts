/**
 * The generic webhook payload: held to its published JSON Schema (docs/schemas/webhook-payload.v1.json),
 * page text carried as data, and signed and verified per Standard Webhooks the way io/webhooks and the
 * receiver example in docs/examples do it.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { Webhook } from 'standardwebhooks';
import { AGENCIES, DeadlineKind } from '#parsers/schema.ts';
import { CHANGE_CATEGORIES } from '#core/domain/changes.ts';
import { DELIVERY_MODES } from '#core/domain/subscribers.ts';
import { webhookChanges, webhookConfirmation, webhookReminders, type WebhookPayload } from '#core/notification/channels/webhook.ts';
import { CONFIRM_LINK, HOSTILE, LINKS, NOW, changeEvent, channelSubscriber, hostileEvent, options, reminder } from './fixtures.ts';

type Schema = Record<string, unknown>;
const schema = (): Schema => JSON.parse(readFileSync(new URL('../../../../docs/schemas/webhook-payload.v1.json', import.meta.url), 'utf8')) as Schema;

function validator(s: Schema): (payload: unknown) => string[] {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  ajvFormats.default(ajv);
  const validate = ajv.compile(s);
  return (payload) => (validate(payload) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

/**
 * The schema with every described object closed: a property the payload carries but the schema does not
 * describe fails. The shared envelope stays open (each type lists the envelope's properties and is closed itself).
 */
function closed(node: unknown, key = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => closed(n));
  if (!node || typeof node !== 'object') return node;
  const copy = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closed(v, k)]));
  return 'properties' in copy && key !== 'envelope' ? { ...copy, additionalProperties: false } : copy;
}

/** One payload of each type and language, with and without links, a digest, a disagreement and hostile text. */
function samples(): WebhookPayload[] {
  const disagreement = changeEvent({ category: 'funding', severity: 'low', disagreement: true, before: { lang: 'en', values: ['69000000'] }, after: { lang: 'ja', values: ['75000000'] },
    evidence: { before: 'Up to 69 million yen', after: '最大7,500万円' } }, 'e2');
  const removed = changeEvent({ category: 'contact', kind: 'removed', severity: 'low', callId: null, after: undefined, evidence: { before: 'a@jst.go.jp' } }, 'e3');
  return (['en', 'ja'] as const).flatMap((lang) => {
    const subscriber = channelSubscriber('webhook', lang);
    return [
      webhookChanges(subscriber, [changeEvent(), disagreement, removed, hostileEvent()], options()),
      webhookChanges(subscriber, [changeEvent()], options({ digest: 'weekly', links: undefined, programmes: undefined })),
      webhookReminders(subscriber, [reminder(), reminder({ key: 'rem-2', daysLeft: 0, offset: 3 }, { time: null, iso: null, statedTimezone: 'CET', tentative: true })], options()),
      webhookConfirmation(subscriber, CONFIRM_LINK, options()),
    ];
  });
}

describe('the webhook payload, version 1', () => {
  it('is valid against the published JSON Schema for every type, in both languages', () => {
    const validate = validator(schema());
    for (const payload of samples()) expect(validate(payload), payload.type).toEqual([]);
  });

  it('carries only what the schema describes', () => {
    const validate = validator(closed(schema()) as Schema);
    for (const payload of samples()) expect(validate(JSON.parse(JSON.stringify(payload))), payload.type).toEqual([]);
    const [changes] = samples() as [Extract<WebhookPayload, { type: 'fundwatch.changes' }>];
    expect(validate({ ...changes, undocumented: 1 })).not.toEqual([]);
    expect(validate({ ...changes, events: [{ ...changes.events[0], undocumented: 1 }] })).not.toEqual([]);
  });

  it('is refused by the schema when it breaks the contract, so the checks above can fail', () => {
    const validate = validator(schema());
    const [changes] = samples() as [Extract<WebhookPayload, { type: 'fundwatch.changes' }>];
    const { id: _, ...withoutId } = changes;
    expect(validate(withoutId)).not.toEqual([]);
    expect(validate({ ...changes, version: 2 })).not.toEqual([]);
    expect(validate({ ...changes, events: [{ ...changes.events[0], severity: 'urgent' }] })).not.toEqual([]);
    expect(validate({ ...changes, type: 'fundwatch.reminders' })).not.toEqual([]);
  });

  it('names in its enumerations exactly the categories, agencies, deadline kinds and delivery modes the code has', () => {
    const defs = schema().$defs as Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }>;
    expect(defs.changeEvent!.properties!.category!.enum).toEqual([...CHANGE_CATEGORIES]);
    expect(defs.agency!.enum).toEqual([...AGENCIES]);
    expect(defs.reminder!.properties!.kind!.enum).toEqual(DeadlineKind.options);
    expect(defs.changes!.properties!.delivery!.enum).toEqual(['immediate', ...DELIVERY_MODES.filter((m) => m !== 'immediate')]);
  });

  it('says what changed with the page\'s words, the programme\'s names, the delivery key and the signed links', () => {
    const payload = webhookChanges(channelSubscriber('webhook', 'ja'), [changeEvent()], options());
    expect(payload).toMatchObject({
      type: 'fundwatch.changes', version: 1, id: 'dlv-0001', timestamp: NOW.toISOString(), lang: 'ja', subscription: { id: 'sub-webhook-ja' }, delivery: 'immediate', links: LINKS,
      events: [{ id: 'e1', programId: 'jst-aspire', programName: { en: 'Adopting Sustainable Partnerships for Innovative Research Ecosystem (ASPIRE)', ja: '先端国際共同研究推進事業' },
        agency: 'JST', category: 'deadline', kind: 'changed', severity: 'high', callId: 'fy2025', disagreement: false, url: 'https://www.jst.go.jp/aspire/en/',
        before: { date: '2025-05-12', time: '12:00' }, after: { date: '2025-05-19' },
        summary: { ja: '提出締切が2025-05-12 12:00 JSTから2025-05-19 12:00 JSTに変更されました（7日延期）' },
        evidence: { before: 'Deadline: May 12, 2025 12:00 noon JST', after: 'Deadline: May 19, 2025 12:00 noon JST' } }],
    });
    expect(webhookChanges(channelSubscriber('webhook'), [changeEvent()], options({ digest: 'daily' }))).toMatchObject({ delivery: 'daily' });
  });

  it('writes "no value" as null rather than leaving the key out', () => {
    const removed = changeEvent({ kind: 'removed', callId: null, after: undefined, evidence: { before: 'x' } });
    const event = (JSON.parse(JSON.stringify(webhookChanges(channelSubscriber('webhook'), [removed], options({ programmes: new Map() })))) as { events: Record<string, unknown>[] }).events[0]!;
    expect(event).toMatchObject({ callId: null, after: null, evidence: { before: 'x', after: null }, programName: { en: null, ja: null } });
  });

  it('carries hostile page text as data, byte for byte, inside valid JSON', () => {
    const body = JSON.stringify(webhookChanges(channelSubscriber('webhook'), [hostileEvent()], options()));
    const event = (JSON.parse(body) as { events: { evidence: { before: string }; summary: { en: string } }[] }).events[0]!;
    expect(event.evidence.before).toBe(HOSTILE);
    expect(event.summary.en).toBe(`Eligibility reworded: ${HOSTILE}`);
  });

  it('asks a new webhook only to confirm: the link, the request in words, nothing about changes', () => {
    const payload = webhookConfirmation(channelSubscriber('webhook', 'en'), CONFIRM_LINK, options());
    expect(Object.keys(payload).sort()).toEqual(['confirm', 'id', 'lang', 'message', 'subscription', 'timestamp', 'type', 'version']);
    expect(payload).toMatchObject({ type: 'fundwatch.channel.confirm', confirm: { url: CONFIRM_LINK } });
  });
});

interface Receiver { status: number; duplicate?: boolean }
interface ReceiverModule {
  createReceiver(secret: string, options: { seen?: Set<string>; onMessage?: (payload: unknown) => unknown }): (headers: Record<string, string>, body: string) => Promise<Receiver>;
  serve(receive: unknown): import('node:http').Server;
}
const receiverModule = async (): Promise<ReceiverModule> =>
  await import(new URL('../../../../docs/examples/webhook-receiver.mjs', import.meta.url).href) as ReceiverModule;

/** Signs a body the way io/webhooks does: Standard Webhooks over "id.timestamp.body", the delivery key as webhook-id. */
function signed(secret: string, id: string, body: string): Record<string, string> {
  const at = new Date();
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, at, body), 'content-type': 'application/json' };
}

describe('Standard Webhooks signatures and the receiver example', () => {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const body = JSON.stringify(webhookChanges(channelSubscriber('webhook'), [changeEvent()], options()));

  it('signs as v1,<base64 HMAC-SHA256> that the standardwebhooks package verifies, and refuses a changed body', () => {
    const headers = signed(secret, 'dlv-0001', body);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('dlv-0001', 'dlv-0002'), headers)).toThrow();
  });

  it('handles a delivery once however often it comes, and refuses a forged one', async () => {
    const { createReceiver } = await receiverModule();
    const handled: unknown[] = [];
    const receive = createReceiver(secret, { onMessage: (p) => handled.push(p) });
    const headers = signed(secret, 'dlv-0001', body);
    expect(await receive(headers, body)).toEqual({ status: 204 });
    expect(await receive(headers, body)).toEqual({ status: 200, duplicate: true });
    expect(await receive(signed(`whsec_${randomBytes(32).toString('base64')}`, 'dlv-0003', body), body)).toEqual({ status: 401 });
    expect(handled).toEqual([JSON.parse(body)]);
  });

  it('serves the same over HTTP, reading the raw body it verifies', async () => {
    const { createReceiver, serve } = await receiverModule();
    const handled: unknown[] = [];
    const server = serve(createReceiver(secret, { onMessage: (p) => handled.push(p) }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const send = async (headers: Record<string, string>): Promise<number> => (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers, body })).status;
      const headers = signed(secret, 'dlv-0004', body);
      expect([await send(headers), await send(headers), await send({ ...headers, 'webhook-signature': 'v1,AAAA' })]).toEqual([204, 200, 401]);
      expect(handled).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
