// A receiver for fundwatch's generic webhooks (docs/webhooks.md): it checks the Standard Webhooks signature
// over the raw body, refuses stale or forged requests, and handles each message once even though fundwatch
// may deliver it more than once (a retry carries the same webhook-id).
//
//   npm install standardwebhooks
//   FUNDWATCH_WEBHOOK_SECRET=whsec_... PORT=8788 node webhook-receiver.mjs
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Webhook } from 'standardwebhooks';

const MAX_BODY_BYTES = 1_000_000;

/**
 * Returns receive(headers, rawBody) -> { status, duplicate? }. `seen` remembers handled webhook-ids: use a
 * durable store (a database table with a unique key, kept a few days) where a restart must not forget them.
 */
export function createReceiver(secret, { seen = new Set(), onMessage = (payload) => console.log(payload.type, payload.id) } = {}) {
  const webhook = new Webhook(secret);
  return async function receive(headers, rawBody) {
    let payload;
    try {
      // Verifies the signature over exactly these bytes and that webhook-timestamp is within 5 minutes.
      payload = webhook.verify(rawBody, headers);
    } catch {
      return { status: 401 };
    }
    const id = headers['webhook-id'];
    if (seen.has(id)) return { status: 200, duplicate: true };
    await onMessage(payload);
    // Remembered only once handled: a failure above answers 500, so fundwatch sends it again.
    seen.add(id);
    return { status: 204 };
  };
}

/** An HTTP server around receive(): reads the raw body (never re-serialized JSON: the signature is over the bytes). */
export function serve(receive) {
  return createServer(async (req, res) => {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return res.writeHead(413).end();
      chunks.push(chunk);
    }
    try {
      const { status } = await receive(req.headers, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(status).end();
    } catch (error) {
      console.error(error);
      res.writeHead(500).end();
    }
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secret = process.env.FUNDWATCH_WEBHOOK_SECRET;
  if (!secret) throw new Error('Set FUNDWATCH_WEBHOOK_SECRET to the whsec_... secret fundwatch showed when the webhook was added.');
  const port = Number(process.env.PORT ?? 8788);
  serve(createReceiver(secret)).listen(port, () => console.log(`Receiving fundwatch webhooks on http://localhost:${port}/`));
}
