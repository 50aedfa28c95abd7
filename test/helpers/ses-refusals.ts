/**
 * A local stand-in for SES that refuses every send the way SES does, with its real error texts, which
 * name the recipient in full: for tests that no address survives into an error, a log line or a trace.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESClient } from '@aws-sdk/client-ses';

export const RECIPIENT = 'someone@example.org';

/** SES's refusals, as its Query API returns them (code, message). */
export const SES_REFUSALS = {
  sandbox: { code: 'MessageRejected',
    message: `Email address is not verified. The following identities failed the check in region AP-NORTHEAST-1: ${RECIPIENT}` },
  accessDenied: { code: 'AccessDenied',
    message: 'User `arn:aws:sts::123456789012:assumed-role/fundwatch-notify/fundwatch-notify\' is not authorized to perform ' +
      `\`ses:SendRawEmail' on resource \`arn:aws:ses:ap-northeast-1:123456789012:identity/${RECIPIENT}'` },
} as const;

export interface RefusingSes { client: SESClient; close(): Promise<void> }

/** An SES endpoint on 127.0.0.1 answering every call with `refusal`, and a client for it (no retries). */
export async function startRefusingSes(refusal: { code: string; message: string }): Promise<RefusingSes> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(400, { 'Content-Type': 'text/xml' });
      res.end(`<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>${refusal.code}</Code>` +
        `<Message>${refusal.message.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</Message></Error><RequestId>test-request</RequestId></ErrorResponse>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new SESClient({ endpoint: `http://127.0.0.1:${port}`, region: 'ap-northeast-1', maxAttempts: 1,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return { client, close: async () => { client.destroy(); await new Promise<void>((resolve) => server.close(() => resolve())); } };
}

/** Any full address in the text (a masked one, s***@example.org, is no match). */
export const FULL_ADDRESS = /[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-]@example\.org/;
