/**
 * SES throttling ("Maximum sending rate exceeded") is a fault the emulator cannot make, so a small
 * local endpoint answers like SES does when throttling, then accepts: the mailer keeps to its rate and
 * the retry with backoff gets the message through, once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSesMailer } from '#io/mail/ses-mailer.ts';

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
    arrivals.length = 0;
    const mailer = createSesMailer({ from: 'a@b.example', endpoint, maxPerSecond: 20 });
    await Promise.all(Array.from({ length: 5 }, () => mailer.send(mail)));
    // Five messages at 20 per second take at least four gaps of 50 ms; arrivals are measured at the server in a
    // busy event loop, where a first request slowed by its connection's set-up shortens the span by tens of ms, so
    // half of it is the bound (without the limit all five arrive within a few ms).
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(4 * 50 * 0.5);
  });
});
