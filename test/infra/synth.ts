/**
 * Synthesizes the stack the way `cdk synth -c stage=example` does: cdk.json's context (feature flags), the committed
 * example stage (its placeholder addresses allowed, as `npm run synth` allows them), plus overrides.
 */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readParameters } from '../../infra/parameters.ts';
import { FundwatchStack } from '../../infra/stacks/fundwatch-stack.ts';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };

export interface SynthOptions {
  context?: Record<string, unknown>;
  /** Bundle the Lambda code with esbuild (slow); by default bundling is skipped. */
  bundle?: boolean;
  outdir?: string;
}

export function synthStack({ context = {}, bundle = false, outdir }: SynthOptions = {}): { stack: FundwatchStack; template: Template } {
  const skipBundling = bundle ? {} : { 'aws:cdk:bundling-stacks': [] };
  const app = new App({ outdir, context: { ...cdkJson.context, ...skipBundling, stage: 'example', 'fundwatch:allowPlaceholders': true, ...context } });
  const stack = new FundwatchStack(app, 'Test', readParameters(app.node));
  return { stack, template: Template.fromStack(stack) };
}

/** The logical id of the only resource of `type` whose properties match `props`. */
export function logicalIdOf(template: Template, type: string, props: Record<string, unknown>): string {
  const ids = Object.keys(template.findResources(type, { Properties: props }));
  if (ids.length !== 1) throw new Error(`expected exactly one ${type} matching ${JSON.stringify(props)}, found ${ids.length}`);
  return ids[0]!;
}
