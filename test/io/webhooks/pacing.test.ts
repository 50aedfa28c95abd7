/**
 * At most one post per destination every perDestinationGapMs in a process (Slack: about one message a second per
 * incoming webhook); other destinations are not held up. The clock is fake, so the waits are exact.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingPost } from '#core/domain/channels.ts';
import { type LocalReceiver, startLocalReceiver } from '#io/webhooks/local-receiver.ts';
import { createPacer } from '#io/webhooks/pacer.ts';
import { fakeTime, posterFactory } from './helpers.ts';

const slack = (url: string, messageId: string): OutgoingPost => ({ subscriberId: 'c-test', destination: { kind: 'slack', url }, body: '{}', messageId });

describe('the per-destination gap', () => {
  let receiver: LocalReceiver;
  const posters = posterFactory();
  beforeEach(async () => { receiver = await startLocalReceiver(); });
  afterEach(async () => { await posters.closeAll(); await receiver.close(); });

  it('holds a second post to the same webhook until a second after the first', async () => {
    const time = fakeTime();
    const poster = posters.make({ localOrigins: [receiver.origin], perDestinationGapMs: 1000, sleep: time.sleep, now: time.now });

    await poster.post(slack(receiver.urlFor('slack', 'grants'), 'a'));
    await poster.post(slack(receiver.urlFor('slack', 'grants'), 'b'));

    expect(time.waits).toEqual([1000]);
    expect(receiver.received.map((p) => p.messageId)).toEqual(['a', 'b']);
  });

  it('does not hold up a post to another webhook on the same host', async () => {
    const time = fakeTime();
    const poster = posters.make({ localOrigins: [receiver.origin], perDestinationGapMs: 1000, sleep: time.sleep, now: time.now });

    await poster.post(slack(receiver.urlFor('slack', 'grants'), 'a'));
    await poster.post(slack(receiver.urlFor('slack', 'lab'), 'b'));

    expect(time.waits).toEqual([]);
  });
});

describe('createPacer', () => {
  it('gives concurrent callers distinct, spaced start times', async () => {
    const time = fakeTime();
    const pacer = createPacer(1000, time.now, async (ms) => { time.waits.push(ms); });

    await Promise.all([pacer.turn('https://a.example/x'), pacer.turn('https://a.example/x'), pacer.turn('https://a.example/x')]);

    expect(time.waits).toEqual([1000, 2000]);
  });
});
