/**
 * The Lambda defaults MonitorFunction owns: every fundwatch function traced by X-Ray, memory sized from the
 * measured heap, and bundles that carry the AWS SDK version the tests ran with.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App, Duration, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { bundlingOptions, DEFAULT_MEMORY_MB, MonitorFunction } from '../../infra/constructs/monitor-function.ts';
import { synthStack } from './synth.ts';

/** The stack's own functions by handler name (FUNDWATCH_FUNCTION), leaving out the handlers CDK adds for custom resources. */
function fundwatchFunctions(template: Template): Map<string, Record<string, unknown>> {
  const fns = Object.values(template.findResources('AWS::Lambda::Function')).map((r) => r.Properties as Record<string, unknown>);
  return new Map(fns.flatMap((p) => {
    const name = (p.Environment as { Variables?: Record<string, string> } | undefined)?.Variables?.FUNDWATCH_FUNCTION;
    return name ? [[name, p] as const] : [];
  }));
}

/** Each function's policy statements on every resource (Resource "*"), by handler name. */
function statementsOnEveryResource(template: Template, functions: Map<string, Record<string, unknown>>): Record<string, string[]> {
  type Statement = { Action: string | string[]; Resource: unknown };
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).map((r) => r.Properties as {
    Roles: Array<{ Ref: string }>; PolicyDocument: { Statement: Statement[] } });
  return Object.fromEntries([...functions].map(([name, props]) => {
    const role = (props.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = policies.filter((p) => p.Roles.some((r) => r.Ref === role)).flatMap((p) => p.PolicyDocument.Statement);
    const onEvery = statements.filter((st) => st.Resource === '*' || (Array.isArray(st.Resource) && st.Resource.includes('*')));
    return [name, onEvery.flatMap((st) => [st.Action].flat()).sort()];
  }));
}

describe('the fundwatch functions', () => {
  let template: Template;
  let functions: Map<string, Record<string, unknown>>;
  beforeAll(() => {
    ({ template } = synthStack({ context: { stage: 'example', 'fundwatch:allowPlaceholders': true } }));
    functions = fundwatchFunctions(template);
  });

  it('are all nine traced by X-Ray (Active: Lambda samples and sends the invocation segment)', () => {
    expect([...functions.keys()].sort()).toEqual(['check-chunk', 'check-finish', 'check-plan', 'notify', 'publish', 'reminders', 'ses-events', 'subscription-api',
      'subscription-requests']);
    for (const [name, props] of functions) expect({ name, tracing: props.TracingConfig }).toEqual({ name, tracing: { Mode: 'Active' } });
  });

  it('may act on every resource only to send traces: X-Ray\'s two actions have no resource-level permissions (the cdk-nag acknowledgement)', () => {
    const xrayOnly = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
    expect(statementsOnEveryResource(template, functions)).toEqual(Object.fromEntries([...functions.keys()].map((name) => [name, xrayOnly])));
  });

  it('get the memory their measured heap needs with headroom: the worker 512 MB, not 1 GB', () => {
    const memory = Object.fromEntries([...functions].map(([name, props]) => [name, props.MemorySize]));

    expect(DEFAULT_MEMORY_MB).toBe(512);
    expect(memory).toEqual({ 'check-chunk': 512, 'check-plan': 512, 'check-finish': 512, notify: 512, reminders: 512,
      'subscription-api': 512, 'subscription-requests': 256, 'ses-events': 256, publish: 1024 });
  });
});

describe('bundling', () => {
  it('puts the AWS SDK into every bundle (bundleAwsSDK), as an ESM bundle with the require shim', () => {
    for (const sourcesFile of [undefined, 'parsers/sources.json']) {
      expect(bundlingOptions(sourcesFile)).toMatchObject({ bundleAwsSDK: true, format: 'esm', minify: true, sourceMap: true, banner: expect.stringContaining('createRequire') });
    }
  });

  describe('one handler bundled for real', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'fundwatch-fn-'));
    let code: string;
    beforeAll(() => {
      // The smallest handler that uses the SDK, in a stack of its own: one esbuild run instead of eight.
      const app = new App({ outdir });
      new MonitorFunction(new Stack(app, 'Bundled'), 'Events', { entry: 'ses-events.ts', environment: { TABLE_NAME: 'table' }, timeout: Duration.seconds(30) });
      app.synth();
      const dir = readdirSync(outdir).find((d) => d.startsWith('asset.') && existsSync(join(outdir, d, 'index.mjs')));
      code = readFileSync(join(outdir, dir!, 'index.mjs'), 'utf8');
    }, 120_000);
    afterAll(() => rmSync(outdir, { recursive: true, force: true }));

    it('imports no AWS SDK client from the runtime: the DynamoDB client is in the bundle', () => {
      // An external client would appear as `from"@aws-sdk/client-dynamodb"` or `("@aws-sdk/client-dynamodb")` (esbuild's require).
      expect(code).not.toMatch(/from\s*["']@aws-sdk\/client-/);
      expect(code).not.toMatch(/\(\s*["']@aws-sdk\/client-[a-z0-9-]+["']\s*\)/);
      // DynamoDB's JSON protocol target prefix: only the client's own code carries it.
      expect(code).toContain('DynamoDB_20120810');
    });
  });
});
