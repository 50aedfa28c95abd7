/**
 * SES throttling ("Maximum sending rate exceeded") is a fault the emulator cannot make, so a small
 * local endpoint answers like SES does when throttling, then accepts: the mailer keeps to its rate and
 * the retry with backoff gets the message through, once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSesClient, createSesMailer } from '#io/mail/ses-mailer.ts';

describe('the SES mailer under throttling', () => {
  let server: Server;
  let endpoint: string;
  const arrivals: number[] = [];
  let throttleNext = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        arrivals.push(Date.now());
        if (throttleNext > 0) {
          throttleNext -= 1;
          res.writeHead(400, { 'Content-Type': 'text/xml' }).end('<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Maximum sending rate exceeded.</Message></Error><RequestId>r1</RequestId></ErrorResponse>');
          return;
        }
        res.writeHead(200, { 'Content-Type': 'text/xml' }).end(`<SendRawEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><SendRawEmailResult><MessageId>m-${arrivals.length}</MessageId></SendRawEmailResult><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></SendRawEmailResponse>`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const mail = { to: 'r@example.org', subject: 's', text: 't', html: '<p>t</p>' };

  it('retries a throttled send with backoff until SES accepts it', async () => {
    arrivals.length = 0;
    throttleNext = 2;
    const { messageId } = await createSesMailer({ from: 'a@b.example', endpoint }).send(mail);
    expect(messageId).toBe('m-3');
    expect(arrivals).toHaveLength(3);
    expect(arrivals[2]! - arrivals[0]!).toBeGreaterThan(0);
  });

  it('keeps under its sending rate', async () => {
    // Observed where the pacing acts: when the mailer hands each message to the SES client, on the monotonic
    // clock. (At the server, arrivals in a busy event loop bunch up by tens of ms whatever the mailer did.)
    const client = createSesClient(endpoint);
    const handedOver: number[] = [];
    const send = client.send.bind(client);
    client.send = ((command: Parameters<typeof send>[0]) => { handedOver.push(performance.now()); return send(command); }) as typeof client.send;
    const mailer = createSesMailer({ from: 'a@b.example', client, maxPerSecond: 20 });
    await Promise.all(Array.from({ length: 5 }, () => mailer.send(mail)));

    // Twenty a second: the five start on slots 50 ms apart, 200 ms from first to last. Each is handed over after its
    // message is built, which takes longest for the first (a cold path), so the span may fall short of 200 by that
    // build; without the limit all five are handed over within a few ms.
    expect(handedOver).toHaveLength(5);
    expect(handedOver.at(-1)! - handedOver[0]!).toBeGreaterThanOrEqual(150);
  });
});
