/** The pages' HTTP adapter: forms only, small ones only, and a failure that tells nothing away. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FORM_BYTES, startPageServer, type PageServer } from '#io/http/node-server.ts';

describe('startPageServer', () => {
  let server: PageServer;
  const seen: Array<{ method: string; path: string; form?: string }> = [];
  beforeAll(async () => {
    server = await startPageServer(async (req) => {
      seen.push({ method: req.method, path: req.path, form: req.form?.toString() });
      if (req.path === '/boom') throw new Error('table fundwatch: secret detail');
      return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: `ok ${req.query.get('token') ?? ''}` };
    });
  });
  afterAll(async () => { await server.close(); });

  it('hands the handler the path, the query and the form', async () => {
    const res = await fetch(new URL('unsubscribe?token=t1', server.url), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(await res.text()).toBe('ok t1');
    expect(seen.at(-1)).toEqual({ method: 'POST', path: '/unsubscribe', form: 'List-Unsubscribe=One-Click' });
  });

  it('refuses bodies that are not forms, and forms that are too large, before the handler sees them', async () => {
    const before = seen.length;
    const json = await fetch(new URL('subscribe', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"email":"a@b.c"}' });
    expect(json.status).toBe(415);
    const huge = await fetch(new URL('subscribe', server.url), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `email=${'a'.repeat(MAX_FORM_BYTES + 1)}` });
    expect(huge.status).toBe(413);
    expect(seen.length).toBe(before);
  });

  it('answers a failure with a plain 500 that does not show the error', async () => {
    const res = await fetch(new URL('boom', server.url));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret detail');
  });
});
