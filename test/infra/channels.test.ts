/**
 * Channels in the stack, asserted on the synthesized template: the senders' timeouts cover their posts' worst case,
 * posts leave without a VPC or any new permission, the local-origin seam is never deployed, persistent channel
 * failures reach the maintainers; and the feeds are readable from any origin's web page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Duration } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { FEEDS_PATH } from '../../infra/constructs/public-site.ts';
import { CHANNEL_FAILURE_RUNS, channelAlarmWindow } from '../../infra/stacks/stack-alarms.ts';
import { PAGES_POSTER_BOUNDS, POSTS_START_WITHIN_MS, WORST_POST_MS } from '../../lambdas/poster-wiring.ts';
import { logicalIdOf, synthStack } from './synth.ts';

interface FunctionResource { Properties: { Timeout: number; VpcConfig?: unknown; Environment: { Variables: Record<string, unknown> } } }

describe('channels in the stack', () => {
  let template: Template;
  beforeAll(() => {
    ({ template } = synthStack());
  });

  const handler = (name: string): FunctionResource => template.findResources('AWS::Lambda::Function')[
    logicalIdOf(template, 'AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ FUNDWATCH_FUNCTION: name }) } })] as FunctionResource;

  describe('the senders (notify, reminders)', () => {
    it('run long enough for the last post they start to end, with a minute left for the e-mails and records after it', () => {
      // The arithmetic of lambdas/poster-wiring.ts: posts start within 200 s and take at most 41 s each.
      expect(WORST_POST_MS).toBe(41_000);
      for (const name of ['notify', 'reminders']) {
        expect(handler(name).Properties.Timeout * 1000 - (POSTS_START_WITHIN_MS + WORST_POST_MS)).toBeGreaterThanOrEqual(55_000);
      }
    });

    it('are in no VPC, so their posts leave through Lambda\'s own internet access, with no NAT and no new permission', () => {
      for (const [id, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
        expect((fn as FunctionResource).Properties.VpcConfig, id).toBeUndefined();
      }
      template.resourceCountIs('AWS::EC2::VPC', 0);
      template.resourceCountIs('AWS::EC2::NatGateway', 0);
    });

    it('never get the local-origin seam (plain HTTP to loopback is for tests and local runs only)', () => {
      for (const [id, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
        expect(Object.keys((fn as FunctionResource).Properties.Environment?.Variables ?? {}), id).not.toContain('FUNDWATCH_WEBHOOK_LOCAL_ORIGINS');
      }
    });

    it('read the link key the generic webhooks\' secrets are derived from, as they did for the signed links: no new secret', () => {
      template.resourceCountIs('AWS::SecretsManager::Secret', 1);
      for (const name of ['notify', 'reminders']) expect(handler(name).Properties.Environment.Variables).toHaveProperty('LINK_SECRET_ARN');
    });
  });

  it('the subscription pages post a channel\'s confirmation within their function\'s timeout, with a few seconds to answer', () => {
    const b = PAGES_POSTER_BOUNDS;
    const worst = b.attempts * b.totalTimeoutMs + (b.attempts - 1) * b.maxRetryWaitMs + b.perDestinationGapMs;
    expect(handler('subscription-api').Properties.Timeout * 1000 - worst).toBeGreaterThanOrEqual(5_000);
  });

  describe('the channel failures alarm', () => {
    it('tells the maintainers when the notifier\'s posts failed in three runs in a row (one 15-minute period each), and again when they recover', () => {
      const topicId = logicalIdOf(template, 'AWS::SNS::Topic', { DisplayName: Match.stringLikeRegexp('maintainer') });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'fundwatch', MetricName: 'ChannelFailures', Dimensions: [{ Name: 'Function', Value: 'notify' }], Statistic: 'Sum',
        Period: 900, EvaluationPeriods: 3, DatapointsToAlarm: 3, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching', AlarmActions: [{ Ref: topicId }], OKActions: [{ Ref: topicId }],
        AlarmDescription: Match.stringLikeRegexp('notify log'),
      });
    });

    it('takes one period per run from a rate() schedule, and alarms on any failure when it cannot tell the runs apart', () => {
      expect(channelAlarmWindow('rate(15 minutes)')).toEqual({ period: Duration.minutes(15), periods: CHANNEL_FAILURE_RUNS });
      expect(channelAlarmWindow('rate(1 hour)')).toEqual({ period: Duration.minutes(60), periods: CHANNEL_FAILURE_RUNS });
      // Three runs eight hours apart would look back a day; nine hours apart, further than CloudWatch does.
      expect(channelAlarmWindow('rate(8 hours)').periods).toBe(CHANNEL_FAILURE_RUNS);
      expect(channelAlarmWindow('rate(9 hours)')).toEqual({ period: Duration.minutes(15), periods: 1 });
      expect(channelAlarmWindow('cron(0/20 * * * ? *)')).toEqual({ period: Duration.minutes(15), periods: 1 });
    });
  });

  describe('the published feeds', () => {
    it('answer any origin\'s GET or HEAD with Access-Control-Allow-Origin: *, never with credentials', () => {
      const corsId = logicalIdOf(template, 'AWS::CloudFront::ResponseHeadersPolicy', { ResponseHeadersPolicyConfig: Match.objectLike({ CorsConfig: Match.anyValue() }) });
      template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', { ResponseHeadersPolicyConfig: Match.objectLike({
        CorsConfig: Match.objectLike({ AccessControlAllowOrigins: { Items: ['*'] }, AccessControlAllowMethods: { Items: ['GET', 'HEAD'] },
          AccessControlAllowCredentials: false, OriginOverride: true }),
        // The page's security headers stay on the feeds.
        SecurityHeadersConfig: Match.objectLike({ FrameOptions: { FrameOption: 'DENY', Override: true }, ContentTypeOptions: { Override: true } }),
      }) });
      template.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({
        CacheBehaviors: [Match.objectLike({ PathPattern: FEEDS_PATH, ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: { Ref: corsId } })],
      }) });
      expect(FEEDS_PATH).toBe('feeds/*');
    });

    it('leave the page itself without CORS headers', () => {
      const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0] as
        { Properties: { DistributionConfig: { DefaultCacheBehavior: { ResponseHeadersPolicyId: { Ref: string } } } } };
      const pageId = distribution.Properties.DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId.Ref;
      const page = template.findResources('AWS::CloudFront::ResponseHeadersPolicy')[pageId] as { Properties: { ResponseHeadersPolicyConfig: Record<string, unknown> } };
      expect(page.Properties.ResponseHeadersPolicyConfig.CorsConfig).toBeUndefined();
    });
  });
});
