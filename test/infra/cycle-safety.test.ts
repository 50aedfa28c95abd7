/**
 * What keeps the monitoring cycle polite and whole on AWS, read from the synthesized template: one execution at a
 * time, a worker that ends before the state machine gives up on it, throttled invocations waited out, and a stack
 * that names its stage and resists an accidental destroy.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { logicalIdOf, synthStack } from './synth.ts';

interface State { Type: string; Next?: string; Default?: string; Choices?: Array<Record<string, unknown>>; Retry?: Array<{ ErrorEquals: string[]; MaxAttempts?: number }>;
  TimeoutSeconds?: number; Resource?: string; Parameters?: Record<string, unknown>; ResultSelector?: Record<string, unknown>; ItemProcessor?: { States: Record<string, State> } }

function definitionOf(template: Template): { StartAt: string; States: Record<string, State> } {
  const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as { Properties: { DefinitionString: { 'Fn::Join': [string, unknown[]] } } };
  const parts = machine.Properties.DefinitionString['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : 'TOKEN'));
  return JSON.parse(parts.join('')) as { StartAt: string; States: Record<string, State> };
}

/** Every Task state, the Map's inner ones too. */
function tasks(states: Record<string, State>): Array<[string, State]> {
  return Object.entries(states).flatMap(([name, s]) => [...(s.Type === 'Task' ? [[name, s] as [string, State]] : []), ...(s.ItemProcessor ? tasks(s.ItemProcessor.States) : [])]);
}

describe('the monitoring cycle on AWS', () => {
  let template: Template;
  let states: Record<string, State>;
  let startAt: string;
  beforeAll(() => {
    ({ template } = synthStack());
    ({ States: states, StartAt: startAt } = definitionOf(template));
  });

  it('runs one execution at a time: it first lists the running ones and goes on only as the oldest', () => {
    expect(startAt).toBe('RunningCycles');
    expect(states.RunningCycles).toMatchObject({ Type: 'Task', Resource: expect.stringContaining(':states:::aws-sdk:sfn:listExecutions'),
      Parameters: { 'StateMachineArn.$': '$$.StateMachine.Id', StatusFilter: 'RUNNING' }, Next: 'AnyRunning?' });
    // None listed yet (the list is eventually consistent) or this one the oldest: the cycle; else it ends untouched.
    expect(states['AnyRunning?']!.Choices).toEqual([expect.objectContaining({ Variable: '$.running.count', NumericEquals: 0, Next: 'PlanCycle' })]);
    expect(states['ThisIsTheOldest?']).toMatchObject({ Type: 'Choice', Default: 'AnotherCycleRunning',
      Choices: [expect.objectContaining({ Variable: '$.oldest.execution.ExecutionArn', StringEqualsPath: '$$.Execution.Id', Next: 'PlanCycle' })] });
    expect(states.AnotherCycleRunning!.Type).toBe('Succeed');
  });

  it('may list its own executions, named by the state machine\'s fixed name (a reference to itself would be a dependency cycle)', () => {
    const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as { Properties: { StateMachineName: string } };
    expect(machine.Properties.StateMachineName).toBe('Test-cycle');
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Array<{ Action: unknown; Resource: unknown }> } } }).Properties.PolicyDocument.Statement);
    const list = statements.filter((s) => s.Action === 'states:ListExecutions');
    expect(list).toHaveLength(1);
    expect(JSON.stringify(list[0]!.Resource)).toContain(':stateMachine:Test-cycle');
  });

  it('lets the worker run a minute less than the state machine waits for it, so a retry never runs beside a live worker', () => {
    const worker = template.findResources('AWS::Lambda::Function')[logicalIdOf(template, 'AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ FUNDWATCH_FUNCTION: 'check-chunk' }) } })] as { Properties: { Timeout: number } };
    const check = tasks(states).find(([name]) => name === 'CheckChunk')![1];
    expect(worker.Properties.Timeout).toBeLessThan(check.TimeoutSeconds!);
    expect(check.TimeoutSeconds! - worker.Properties.Timeout).toBeGreaterThanOrEqual(60);
  });

  it('waits out a throttled invocation on every Lambda task, before the worker\'s single catch-all retry', () => {
    // Every task but the listing of executions invokes a function (payloadResponseOnly: the function's ARN is the Resource).
    const lambdaTasks = tasks(states).filter(([name]) => name !== 'RunningCycles');
    expect(lambdaTasks.map(([name]) => name).sort()).toEqual(['CheckChunk', 'FinishCycle', 'PlanCycle', 'Publish']);
    for (const [name, task] of lambdaTasks) {
      const throttled = task.Retry!.findIndex((r) => r.ErrorEquals.includes('Lambda.TooManyRequestsException'));
      expect(throttled, name).toBeGreaterThanOrEqual(0);
      const catchAll = task.Retry!.findIndex((r) => r.ErrorEquals.includes('States.ALL'));
      if (catchAll >= 0) expect(throttled, name).toBeLessThan(catchAll);
    }
  });

  it('reserves no concurrency by default, and the stage\'s reservation when it opts in', () => {
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.anyValue() }, 0);
    const { template: reserved } = synthStack({ context: { 'fundwatch:reservedConcurrency': true } });
    reserved.resourcePropertiesCountIs('AWS::Lambda::Function', { ReservedConcurrentExecutions: 8 }, 1);
    reserved.resourcePropertiesCountIs('AWS::Lambda::Function', { ReservedConcurrentExecutions: 1 }, 2);
    expect(() => synthStack({ context: { 'fundwatch:reservedConcurrency': true, 'fundwatch:accountConcurrency': 10 } })).toThrow(/may reserve at most 0/);
  });
});

describe('the stack as a whole', () => {
  it('is protected from termination and tags every resource with its project and stage', () => {
    const { stack, template } = synthStack();
    expect(stack.terminationProtection).toBe(true);
    template.hasResourceProperties('AWS::DynamoDB::Table', { Tags: Match.arrayWith([{ Key: 'project', Value: 'fundwatch' }, { Key: 'stage', Value: 'example' }]) });
    template.hasResourceProperties('AWS::Lambda::Function', { Tags: Match.arrayWith([{ Key: 'stage', Value: 'example' }]) });
  });

  it('keeps what a destroy and redeploy must not lose: the table, the link key, the sender identity; empties the buckets it deletes', () => {
    const { template } = synthStack();
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
    template.hasResource('AWS::SES::EmailIdentity', { DeletionPolicy: 'Retain' });
    template.resourcePropertiesCountIs('AWS::S3::Bucket', { Tags: Match.arrayWith([{ Key: 'aws-cdk:auto-delete-objects', Value: 'true' }]) }, 2);
  });

  it('sets no version expiry on a bucket that keeps no versions', () => {
    const { template } = synthStack();
    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket')) as Array<{ Properties: { VersioningConfiguration?: unknown; LifecycleConfiguration?: { Rules: Array<Record<string, unknown>> } } }>) {
      if (bucket.Properties.VersioningConfiguration) continue;
      for (const rule of bucket.Properties.LifecycleConfiguration?.Rules ?? []) expect(rule.NoncurrentVersionExpiration).toBeUndefined();
    }
  });
});
