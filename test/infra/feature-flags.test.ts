/**
 * Every feature flag aws-cdk-lib recommends is written in cdk.json. An unset flag keeps CDK's old behaviour for this
 * project, and setting it later changes templates on a stack that is already deployed; set now, before the first
 * deploy, they cost nothing. An upgrade of aws-cdk-lib that brings new flags fails here: decide each, then deploy.
 */
import { readFileSync } from 'node:fs';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';

const context = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;

describe('cdk.json feature flags', () => {
  it('sets every flag aws-cdk-lib recommends (npx cdk flags --unstable=flags lists any left)', () => {
    expect(Object.keys(CURRENTLY_RECOMMENDED_FLAGS).filter((flag) => !(flag in context))).toEqual([]);
  });

  it('sets each to the value aws-cdk-lib recommends', () => {
    const differing = Object.entries(CURRENTLY_RECOMMENDED_FLAGS).filter(([flag, value]) => JSON.stringify(context[flag]) !== JSON.stringify(value)).map(([flag]) => flag);
    expect(differing).toEqual([]);
  });
});
