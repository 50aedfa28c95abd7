/**
 * What each function may do and carry, asserted on the synthesized template: DynamoDB actions per role
 * (subscriber-facing roles held to SUB# items), SES sends held by the From address, and environments
 * Lambda will accept, with a registry of 2,000 sources too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { generatedRegistry } from '../helpers/generated-registry.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { keys } from '#io/store/keys.ts';
import { parseRegistry } from '#parsers/sources.ts';
import { programmeChoices } from '../../lambdas/subscription-api.ts';
import { environmentProblems, EnvironmentLimits, estimatedBytes, REFERENCE_ESTIMATE, VARIABLE_LIMIT_BYTES } from '../../infra/constructs/environment-limits.ts';
import { logicalIdOf, synthStack } from './synth.ts';

const SENDER = 'alerts@fundwatch.example';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };

/** Every function's variables, keyed by the FUNDWATCH_FUNCTION the stack gives a handler ("notify", ...), else by logical id. */
function environments(template: Template): Map<string, Record<string, unknown>> {
  const functions = template.findResources('AWS::Lambda::Function') as Record<string, { Properties: { Environment?: { Variables?: Record<string, unknown> } } }>;
  return new Map(Object.entries(functions).map(([id, fn]) => {
    const variables = fn.Properties.Environment?.Variables ?? {};
    return [(variables.FUNDWATCH_FUNCTION as string | undefined) ?? id, variables];
  }));
}

/** The statements of the role of the function named `name`. */
function statementsOf(template: Template, name: string): Statement[] {
  const fnId = logicalIdOf(template, 'AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ FUNDWATCH_FUNCTION: name }) } });
  const fn = template.findResources('AWS::Lambda::Function')[fnId] as { Properties: { Role: { 'Fn::GetAtt': [string, string] } } };
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: Match.arrayWith([{ Ref: fn.Properties.Role['Fn::GetAtt'][0] }]) } });
  return Object.values(policies).flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement);
}

const actionsOf = (statements: Statement[], prefix: string): string[] =>
  statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith(prefix)).sort();

describe('DynamoDB access per role', () => {
  let template: Template;
  beforeAll(() => { ({ template } = synthStack({ context: { 'fundwatch:senderEmail': SENDER } })); });

  // What each handler calls through the Store port (infra/constructs/table-access.ts maps method to action).
  const expected: Record<string, string[]> = {
    'check-plan': ['GetItem', 'PutItem', 'Query'],
    'check-chunk': ['GetItem', 'PutItem', 'Query'],
    'check-finish': ['PutItem', 'Query'],
    publish: ['GetItem', 'Query'],
    notify: ['DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
    reminders: ['DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
    'subscription-api': ['GetItem', 'PutItem'],
    'subscription-requests': ['GetItem', 'PutItem'],
    'ses-events': ['GetItem', 'PutItem', 'Query'],
  };

  for (const [name, actions] of Object.entries(expected)) {
    it(`gives ${name} exactly ${actions.join(', ')}`, () => {
      expect(actionsOf(statementsOf(template, name), 'dynamodb:')).toEqual(actions.map((a) => `dynamodb:${a}`));
    });
  }

  it('gives no function Scan, batch operations, transactions, PartiQL or table management', () => {
    const forbidden = /^dynamodb:(Scan|Batch\w+|Transact\w+|PartiQL\w+|ConditionCheckItem|DescribeTable|\*)$/;
    for (const name of Object.keys(expected)) expect(actionsOf(statementsOf(template, name), 'dynamodb:').filter((a) => forbidden.test(a)), name).toEqual([]);
  });

  it('lets only the two senders delete, and only their outbox claims need it (releaseSend)', () => {
    const deleters = Object.keys(expected).filter((name) => actionsOf(statementsOf(template, name), 'dynamodb:').includes('dynamodb:DeleteItem'));
    expect(deleters.sort()).toEqual(['notify', 'reminders']);
  });

  it('holds the subscription pages and the SES events to subscriber items (SUB#), on the table only', () => {
    const tableId = logicalIdOf(template, 'AWS::DynamoDB::Table', {});
    for (const name of ['subscription-api', 'subscription-requests', 'ses-events']) {
      const dynamo = statementsOf(template, name).filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
      expect(dynamo, name).toHaveLength(1);
      expect(dynamo[0]!.Condition, name).toEqual({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SUB#*'] },
        Null: { 'dynamodb:LeadingKeys': 'false' },
      });
      // No index: a Query on one would be checked against the index's own partition key, not SUB#.
      expect([dynamo[0]!.Resource].flat(), name).toEqual([{ 'Fn::GetAtt': [tableId, 'Arn'] }]);
    }
  });

  it('keys every item the two touch (profile, deliveries, outbox, the form\'s rate limits) under the one SUB# prefix the condition names', () => {
    const items = [keys.subscriber('s-1'), keys.delivery('s-1', 'ev-1'), keys.sendClaim('s-1', 'k-1'), keys.limitCounter('client#abc', '2026-01-01T00:00:00.000Z')];
    for (const key of items) expect(key.PK).toMatch(/^SUB#/);
  });
});

describe('S3 access per role', () => {
  let template: Template;
  beforeAll(() => { ({ template } = synthStack({ context: { 'fundwatch:senderEmail': SENDER } })); });

  it('lets the subscription pages read feeds/programmes.json of the site bucket and nothing else there: no other key, no listing', () => {
    const pages = environments(template).get('subscription-api')!;
    // The bucket the publish step writes the site to, named to the pages by the stack.
    expect(pages.SITE_BUCKET).toEqual(environments(template).get('publish')!.SITE_BUCKET);
    const siteBucket = (pages.SITE_BUCKET as { Ref: string }).Ref;

    const s3 = statementsOf(template, 'subscription-api').filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));

    expect(s3).toHaveLength(1);
    expect(s3[0]).toMatchObject({ Effect: 'Allow', Action: 's3:GetObject' });
    expect([s3[0]!.Resource].flat()).toEqual([{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [siteBucket, 'Arn'] }, '/feeds/programmes.json']] }]);
  });

  it('gives S3 only to the publish step (writes) and the pages (that one read): no function gained any other S3 action', () => {
    const s3Actions = Object.fromEntries([...environments(template).keys()].filter((name) => !/^[A-Z]/.test(name))
      .map((name) => [name, actionsOf(statementsOf(template, name), 's3:')]).filter(([, actions]) => (actions ?? []).length > 0));

    expect(s3Actions).toEqual({ publish: ['s3:PutObject'], 'subscription-api': ['s3:GetObject'] });
  });
});

describe('SES send permission', () => {
  let template: Template;
  beforeAll(() => { ({ template } = synthStack({ context: { 'fundwatch:senderEmail': SENDER } })); });

  it('lets the notifier, the reminders and the subscribe requests\' consumer send as the configured sender only, to any verified or unverified recipient', () => {
    for (const name of ['notify', 'reminders', 'subscription-requests']) {
      const sends = statementsOf(template, name).filter((s) => [s.Action].flat().some((a) => a.startsWith('ses:')));
      expect(sends, name).toHaveLength(1);
      expect(sends[0]!.Condition, name).toEqual({ StringEquals: { 'ses:FromAddress': SENDER } });
      const resources = JSON.stringify(sends[0]!.Resource);
      // Sandbox sends are checked against the recipient's identity as well: the resource cannot name only ours.
      expect(resources, name).toContain(':identity/*');
      expect(resources, name).toContain(':configuration-set/');
    }
  });
});

describe('Lambda environment limits', () => {
  it('keeps every variable of every function under 1 KB, and each function within Lambda\'s 4 KB', () => {
    const { template } = synthStack();
    for (const [name, variables] of environments(template)) {
      for (const [key, value] of Object.entries(variables)) expect(estimatedBytes(value), `${name} ${key}`).toBeLessThanOrEqual(VARIABLE_LIMIT_BYTES);
      expect(environmentProblems(variables), name).toEqual([]);
    }
  });

  describe('with a registry of 2,000 sources', () => {
    let dir: string | undefined;
    let template: Template;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'fundwatch-2000-'));
      const file = join(dir, 'sources.json');
      writeFileSync(file, generatedRegistry(2000));
      ({ template } = synthStack({ context: { 'fundwatch:sourcesFile': file } }));
    });
    afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

    it('generates a valid registry over hundreds of hosts and programmes', () => {
      const sources = parseRegistry(generatedRegistry(2000), 'generated');
      expect(sources).toHaveLength(2000);
      expect(new Set(sources.map((s) => new URL(s.url).host)).size).toBe(240);
      expect(new Set(sources.map((s) => s.program)).size).toBeGreaterThanOrEqual(700);
    });

    it('synthesizes with every function within the limits, the programmes travelling in the bundle', () => {
      for (const [name, variables] of environments(template)) expect(environmentProblems(variables), name).toEqual([]);
      const pages = environments(template).get('subscription-api')!;
      expect(pages.SOURCES_FILE).toBe('sources.json');
      expect(pages.PROGRAMMES).toBeUndefined();
      // The publish step carries the same registry: the programme list it writes for the pages is the cycle's.
      expect(environments(template).get('publish')!.SOURCES_FILE).toBe('sources.json');
    });

    it('offers every programme of the registry on the form, once each, from the registry the handler reads', () => {
      const sources = parseRegistry(generatedRegistry(2000), 'generated');
      const choices = programmeChoices(sources);
      expect(choices.map((c) => c.id)).toEqual([...new Set(sources.map((s) => s.program!))].sort());
      expect(choices.filter((c) => Object.keys(c.names).length > 0)).toEqual([]);
    });

    it('could not carry the form\'s programmes in an environment variable: their ids and agencies alone are many times Lambda\'s 4 KB', () => {
      const PROGRAMMES = JSON.stringify(programmeChoices(parseRegistry(generatedRegistry(2000), 'generated')));

      expect(Buffer.byteLength(PROGRAMMES)).toBeGreaterThan(30 * 4096);
      expect(environmentProblems({ TABLE_NAME: 'fundwatch', PROGRAMMES })).toEqual([
        expect.stringMatching(/^environment variable PROGRAMMES is [\d,]+ bytes, over fundwatch's 1024 per variable/),
        expect.stringMatching(/^the environment variables total about [\d,]+ bytes counting keys and values, over Lambda's 4096/),
      ]);
    });
  });

  describe('the check', () => {
    it('names a variable over 1 KB, and a total over 4 KB measured as Lambda does (the variables as JSON)', () => {
      const large = { TABLE_NAME: 'fundwatch', PROGRAMMES: 'x'.repeat(5000) };
      expect(environmentProblems(large)).toEqual([
        expect.stringMatching(/^environment variable PROGRAMMES is 5,000 bytes, over fundwatch's 1024 per variable/),
        `the environment variables total about ${Buffer.byteLength(JSON.stringify(large)).toLocaleString('en')} bytes counting keys and values, over Lambda's 4096 (4 KB, not adjustable): the deploy would fail; move the largest into the bundle`,
      ]);
      // Five variables of 900 bytes: each fine, together over the quota.
      const five = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`V${i}`, 'x'.repeat(900)]));
      expect(environmentProblems(five)).toEqual([expect.stringContaining(`total about ${Buffer.byteLength(JSON.stringify(five)).toLocaleString('en')} bytes`)]);
      expect(environmentProblems({ TABLE_NAME: 'fundwatch', NOTE: 'x'.repeat(1024) })).toEqual([]);
    });

    it('counts a value CloudFormation fills in at deploy at its estimate, and a join by its parts', () => {
      expect(estimatedBytes({ Ref: 'Table' })).toBe(REFERENCE_ESTIMATE);
      expect(estimatedBytes({ 'Fn::Join': ['', ['https://', { Ref: 'Api' }, '/']] })).toBe(9 + REFERENCE_ESTIMATE);
    });

    it('fails the synth naming the function and the variable', () => {
      const app = new App();
      const stack = new Stack(app, 'Oversized');
      new LambdaFunction(stack, 'Form', { runtime: Runtime.NODEJS_24_X, handler: 'index.handler', code: Code.fromInline('export const handler = () => 1;'),
        environment: { PROGRAMMES: JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ id: `programme-${i}`, name: `Programme ${i}` }))) } });
      Aspects.of(stack).add(new EnvironmentLimits());
      expect(() => app.synth()).toThrow(/\[Oversized\/Form\/Resource\] environment variable PROGRAMMES is [\d,]+ bytes, over fundwatch's 1024 per variable/);
    });
  });
});
