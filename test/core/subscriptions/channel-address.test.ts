/** The channel form's webhook URL: what can be a channel of each kind, and what the person is told to fix. */
import { describe, expect, it } from 'vitest';
import { channelAddress, channelIdFor } from '#core/subscriptions/channel-address.ts';

const SLACK = 'https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXX';
const TEAMS = 'https://prod-12.japaneast.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=xyz';
const TEAMS_NEW = 'https://default1234.56.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/abc/triggers/manual/paths/invoke?sig=xyz';

describe('a channel\'s webhook URL', () => {
  it('is accepted for its own service, normalized, and trimmed of what a paste adds', () => {
    expect(channelAddress('slack', ` ${SLACK}\n`)).toBe(SLACK);
    // The default port written out is the same URL.
    expect(channelAddress('teams', TEAMS)).toBe(TEAMS.replace(':443', ''));
    expect(channelAddress('teams', TEAMS_NEW)).toBe(TEAMS_NEW);
    expect(channelAddress('webhook', 'https://hooks.example.org/fundwatch')).toBe('https://hooks.example.org/fundwatch');
  });

  it.each([
    ['slack', TEAMS, /not a Slack webhook URL: a Slack incoming webhook starts with https:\/\/hooks\.slack\.com\//],
    ['teams', SLACK, /not a Teams webhook URL/],
    ['teams', 'https://contoso.webhook.office.com/webhookb2/abc', /retired: create a Workflows webhook/],
    ['webhook', 'http://hooks.example.org/fundwatch', /must start with https:\/\//],
    ['webhook', 'https://user:pass@hooks.example.org/', /user name or password/],
    ['webhook', 'https://hooks.example.org:8443/', /ports other than 443/],
    ['webhook', 'ftp://hooks.example.org/', /must start with https:\/\//],
    ['webhook', 'hooks.example.org/fundwatch', /does not look like a webhook URL/],
    ['webhook', `https://hooks.example.org/${'a'.repeat(2100)}`, /does not look like a webhook URL/],
    ['webhook', '   ', /enter the webhook URL/],
  ] as const)('is refused as a %s channel: %s', (kind, url, reason) => {
    expect(() => channelAddress(kind, url)).toThrow(reason);
  });

  it('takes a local origin named by code as any kind, and nothing else on that host', () => {
    const localOrigins = ['http://127.0.0.1:8790'];
    expect(channelAddress('slack', 'http://127.0.0.1:8790/slack/grants', { localOrigins })).toBe('http://127.0.0.1:8790/slack/grants');
    expect(() => channelAddress('slack', 'http://127.0.0.1:8791/slack/grants', { localOrigins })).toThrow(/https:\/\//);
  });

  it('gives one id per kind and URL, apart from every e-mail subscriber\'s', () => {
    expect(channelIdFor('slack', SLACK)).toBe(channelIdFor('slack', SLACK));
    expect(channelIdFor('slack', SLACK)).not.toBe(channelIdFor('webhook', SLACK));
    expect(channelIdFor('slack', SLACK)).toMatch(/^c-[0-9a-f]{24}$/);
  });
});
