/**
 * Channels on the local engines: the local receiver and its poster (`startLocalChannels`), the receiver's page that
 * `fundwatch serve` shows, and `fundwatch channel add` / `channel list` on a local store.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelAddCommand, channelListCommand } from '#cli/commands/channel.ts';
import { localChannelUrl, startLocalChannels, type LocalChannels } from '#cli/local-channels.ts';
import { localLinkSecret } from '#cli/link-secret.ts';
import { channelIdFor } from '#core/subscriptions/channel-address.ts';
import { webhookSecretFor } from '#core/subscriptions/webhook-secret.ts';
import { fundwatch, SPAWN_TEST_TIMEOUT_MS } from './fundwatch-process.ts';

interface Kept { kind: string; name: string; headers: Record<string, string>; body: string }

const keptPosts = async (data: string): Promise<Kept[]> =>
  (await readFile(join(data, 'channels', 'posts.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Kept);

describe('startLocalChannels', () => {
  let data: string;
  let channels: LocalChannels;
  beforeAll(async () => {
    data = await mkdtemp(join(tmpdir(), 'fw-channels-'));
    channels = await startLocalChannels(data);
  });
  afterAll(async () => {
    await channels?.close();
    await rm(data, { recursive: true, force: true });
  });

  it('delivers a URL of the fixed local origin to this run\'s receiver, wherever it listens, and keeps it in the data folder', async () => {
    const url = localChannelUrl('slack', 'rebased');

    await channels.poster.post({ subscriberId: 's1', destination: { kind: 'slack', url }, body: '{"text":"hello"}', messageId: 'm-rebased' });

    expect(channels.origins).toContain('http://127.0.0.1:8788');
    expect(channels.receiver.received.at(-1)).toMatchObject({ kind: 'slack', name: 'rebased', body: '{"text":"hello"}' });
    expect(await channels.poster.findSent('m-rebased')).toEqual({ messageId: 'm-rebased' });
    expect((await keptPosts(data)).map((p) => p.name)).toContain('rebased');
  });

  it('lists what each channel received on its page, newest first, every body pretty-printed and HTML-escaped', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quoted"';
    await channels.poster.post({ subscriberId: 's2', destination: { kind: 'teams', url: channels.receiver.urlFor('teams', 'older') }, body: '{"n":1}', messageId: 'm-older' });
    await channels.poster.post({ subscriberId: 's2', destination: { kind: 'slack', url: channels.receiver.urlFor('slack', 'newer') },
      body: JSON.stringify({ text: hostile }), messageId: 'm-newer' });

    const response = await fetch(`${channels.receiver.origin}/`);
    const page = await response.text();

    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; \\&quot;quoted\\&quot;');
    // Pretty-printed: one key a line.
    expect(page).toContain('{\n  &quot;n&quot;: 1\n}');
    expect(page.indexOf('slack newer')).toBeLessThan(page.indexOf('teams older'));
  });
});

describe('fundwatch channel add and channel list', () => {
  let data: string;
  beforeAll(async () => { data = await mkdtemp(join(tmpdir(), 'fw-channel-cmd-')); });
  afterAll(async () => { await rm(data, { recursive: true, force: true }); });

  it('adds a pending channel whose confirmation, signed for a generic webhook, is posted to the local receiver; the list masks its URL', async () => {
    const url = localChannelUrl('webhook', 'secret-office-hook');
    const added: string[] = [];
    const listed: string[] = [];

    await channelAddCommand({ kind: 'webhook', url, owner: 'office@example.org', label: 'Office', agencies: ['JST'], data }, (line) => added.push(line));
    await channelListCommand({ data }, (line) => listed.push(line));

    expect(added[0]).toMatch(/^webhook channel http:\/\/127\.0\.0\.1:8788\/webhook\/…: pending\. The confirmation link was posted to the channel/);
    expect(added[1]).toMatch(/channels\/posts\.jsonl/);
    const [post] = await keptPosts(data);
    expect(post).toMatchObject({ kind: 'webhook', name: 'secret-office-hook' });
    expect(JSON.parse(post!.body)).toMatchObject({ type: 'fundwatch.channel.confirm', confirm: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:8787\/confirm\?token=/) } });
    // Signed with the secret derived from the data folder's link secret, as its subscriber would verify it.
    const secret = webhookSecretFor(await localLinkSecret(data), channelIdFor('webhook', url), 1);
    expect(() => new Webhook(secret).verify(post!.body, post!.headers)).not.toThrow();
    expect(listed).toEqual([expect.stringMatching(/^c-[0-9a-f]+ +webhook +pending +http:\/\/127\.0\.0\.1:8788\/webhook\/… +refusals 0 +"Office"$/)]);
    expect(listed.join('\n')).not.toContain('secret-office-hook');
  });

  it('refuses an unknown kind and a URL that is no webhook of its kind, each in one line with exit code 1', async () => {
    const [badKind, badUrl] = await Promise.all([
      fundwatch(['channel', 'add', '--kind', 'discord', '--url', 'https://discord.com/api/webhooks/1/x', '--owner', 'a@example.org', '--data', data]),
      fundwatch(['channel', 'add', '--kind', 'slack', '--url', 'https://example.org/not-slack', '--owner', 'a@example.org', '--data', data]),
    ]);

    expect([badKind.code, badUrl.code]).toEqual([1, 1]);
    expect(badKind.errorLines).toEqual(['fundwatch: --kind "discord" is not a channel kind: write slack, teams, webhook']);
    expect(badUrl.errorLines).toEqual([expect.stringMatching(/^fundwatch: the channel was not added: that is not a Slack webhook URL: .*https:\/\/hooks\.slack\.com\//)]);
  }, SPAWN_TEST_TIMEOUT_MS);
});
