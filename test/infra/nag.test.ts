/**
 * cdk-nag's AwsSolutions pack on the synthesized stack: zero unacknowledged findings, and every
 * acknowledgement carries its reason in code (infra/stacks/fundwatch-stack.ts). A deliberate finding
 * shows the check is live.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedRegistry } from '../helpers/generated-registry.ts';
import { describe, expect, it } from 'vitest';
import { App, Validations } from 'aws-cdk-lib';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readParameters } from '../../infra/parameters.ts';
import { FundwatchStack } from '../../infra/stacks/fundwatch-stack.ts';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };

function nagged(extra?: (stack: FundwatchStack) => void, context: Record<string, unknown> = {}): App {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], stage: 'example', 'fundwatch:allowPlaceholders': true, ...context } });
  const stack = new FundwatchStack(app, 'Nag', readParameters(app.node));
  extra?.(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

describe('cdk-nag (AwsSolutions)', () => {
  it('finds nothing unacknowledged in the stack', () => {
    expect(() => nagged().synth()).not.toThrow();
  });

  it('finds nothing unacknowledged with a registry of 2,000 sources, the scale the benchmarks claim', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fundwatch-nag-'));
    try {
      const file = join(dir, 'sources.json');
      writeFileSync(file, generatedRegistry(2000));
      expect(() => nagged(undefined, { 'fundwatch:sourcesFile': file }).synth()).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the synth on a finding nobody acknowledged', () => {
    const app = nagged((stack) => new Role(stack, 'Careless', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'), managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    }));
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM4/);
  });

  it('gives every acknowledgement a reason', () => {
    const source = readFileSync(new URL('../../infra/stacks/fundwatch-stack.ts', import.meta.url), 'utf8');
    const acknowledgements = source.match(/acknowledge\(\{[^}]*\}\)/gs) ?? [];
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const a of acknowledgements) expect(a).toMatch(/reason: '[^']{40,}/);
  });
});
