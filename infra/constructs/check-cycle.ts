/**
 * The monitoring cycle as a Step Functions state machine, started by the schedule:
 *
 *   Plan (listings read, new calls recorded) ──> Hosts (Map, up to hostConcurrency hosts at once)
 *              └─ Chunks (Map, one at a time: a host never has two workers) ──> CheckChunk (worker Lambda)
 *        ──> Finish (tally, disagreements, metrics) ──> Publish (page, feeds, export)
 *
 * The plan carries host names and chunk numbers only, so its payload stays small for any registry; the
 * per-host politeness limits hold across workers because one host's chunks run strictly in sequence.
 * A chunk whose worker fails after its retries is caught: the other hosts go on, and Finish reports
 * the chunk as missing (metric ChunksMissing), so one bad host never stops the cycle.
 */
import { ArnFormat, Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Choice, Condition, DefinitionBody, type IChainable, JitterType, JsonPath, LogLevel, Map as MapState, Pass, StateMachine, Succeed, TaskInput, Timeout } from 'aws-cdk-lib/aws-stepfunctions';
import { CallAwsService, LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { MonitorFunction } from './monitor-function.ts';
import { grantTableAccess } from './table-access.ts';

export interface CheckCycleProps {
  table: ITable;
  /** EventBridge Scheduler expression, evaluated in Asia/Tokyo. */
  scheduleExpression: string;
  hostConcurrency: number;
  /** Concurrency reserved for the worker, when the stage opts in (parameters.ts); unset: none reserved. */
  reservedWorkers?: number;
  chunkSize: number;
  sourcesFile?: string;
  logRetention: RetentionDays;
  /** Regenerates the page, the feeds and the export after the cycle. */
  publish: MonitorFunction;
}

/**
 * A worker may take this long for one chunk (slow hosts, retries with Retry-After); Lambda's ceiling is 15. The
 * state machine waits a minute longer than the function may run: were it the other way round, Step Functions would
 * give up on a worker still running and retry the chunk beside it, two workers on one host.
 */
export const WORKER_TIMEOUT = Duration.minutes(13);
export const CHUNK_TASK_TIMEOUT = Duration.minutes(14);

/**
 * Lambda refuses an invocation when the account or the function has no concurrency left; Step Functions reports it
 * as Lambda.TooManyRequestsException, which the task's service-error retries do not cover. Waiting is the answer.
 */
const THROTTLED = { errors: ['Lambda.TooManyRequestsException'], interval: Duration.seconds(5), maxAttempts: 8, backoffRate: 2, jitterStrategy: JitterType.FULL };

export class CheckCycle extends Construct {
  readonly plan: MonitorFunction;
  readonly worker: MonitorFunction;
  readonly finish: MonitorFunction;
  readonly stateMachine: StateMachine;
  /** Schedule deliveries the scheduler could not hand to Step Functions. */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: CheckCycleProps) {
    super(scope, id);
    ({ plan: this.plan, worker: this.worker, finish: this.finish } = this.functions(props));
    const stateMachineName = `${Stack.of(this).stackName}-cycle`;
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName,
      comment: 'fundwatch monitoring cycle: one at a time; plan, check every host chunk by chunk, tally, publish',
      definitionBody: DefinitionBody.fromChainable(this.oneAtATime(stateMachineName, this.steps(props))),
      // Shorter than the default six-hour interval, so two cycles do not pile up.
      timeout: Duration.hours(5),
      tracingEnabled: true,
      logs: { destination: new LogGroup(this, 'Logs', { retention: props.logRetention }), level: LogLevel.ALL, includeExecutionData: false },
    });

    this.deadLetterQueue = new Queue(this, 'ScheduleDlq', { retentionPeriod: Duration.days(14), encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
    new Schedule(this, 'Schedule', {
      schedule: ScheduleExpression.expression(props.scheduleExpression, TimeZone.ASIA_TOKYO),
      description: 'fundwatch monitoring cycle',
      // A start older than an hour is stale: the next one is due soon.
      target: new StepFunctionsStartExecution(this.stateMachine, { deadLetterQueue: this.deadLetterQueue, maxEventAge: Duration.hours(1), retryAttempts: 3 }),
    });
  }

  /** The three functions of a cycle, each with only the table access its role needs. */
  private functions(props: CheckCycleProps): { plan: MonitorFunction; worker: MonitorFunction; finish: MonitorFunction } {
    const common = { asynchronous: false, logRetention: props.logRetention, sourcesFile: props.sourcesFile } as const;
    // The planner reads the agencies' listings first (a handful of pages, politely) and records the calls it finds.
    const plan = new MonitorFunction(this, 'Plan', { ...common, entry: 'check-plan.ts', timeout: Duration.minutes(5), memorySize: 512,
      environment: { CHUNK_SIZE: String(props.chunkSize), TABLE_NAME: props.table.tableName } });
    // Reserved concurrency = the Map's own limit: a stray manual execution cannot double the load on the sites.
    const worker = new MonitorFunction(this, 'Worker', { ...common, entry: 'check-chunk.ts', timeout: WORKER_TIMEOUT, readsPdf: true,
      reservedConcurrentExecutions: props.reservedWorkers, environment: { TABLE_NAME: props.table.tableName } });
    const finish = new MonitorFunction(this, 'Finish', { ...common, entry: 'check-finish.ts', timeout: Duration.minutes(5), memorySize: 512,
      environment: { TABLE_NAME: props.table.tableName } });
    grantTableAccess(props.table, plan.fn, 'planner');
    grantTableAccess(props.table, worker.fn, 'worker');
    grantTableAccess(props.table, finish.fn, 'finisher');
    return { plan, worker, finish };
  }

  /** Plan, every host's chunks one after another (hosts side by side), tally, publish. */
  private steps(props: CheckCycleProps): IChainable {
    const plan = new LambdaInvoke(this, 'PlanCycle', { lambdaFunction: this.plan.fn, payloadResponseOnly: true, resultPath: '$.plan' });
    plan.addRetry(THROTTLED);
    const check = new LambdaInvoke(this, 'CheckChunk', { lambdaFunction: this.worker.fn, payloadResponseOnly: true,
      resultPath: JsonPath.DISCARD, taskTimeout: Timeout.duration(CHUNK_TASK_TIMEOUT) });
    // Throttling first: retriers are tried in order, and the catch-all below would spend its one retry on it.
    check.addRetry(THROTTLED);
    // One more try after a crash or a timeout (checks are idempotent); then the chunk is left to the next cycle.
    check.addRetry({ errors: ['States.ALL'], maxAttempts: 1, interval: Duration.seconds(30), backoffRate: 2 });
    check.addCatch(new Pass(this, 'ChunkFailed', { comment: 'Recorded by Finish as a missing chunk' }), { resultPath: JsonPath.DISCARD });
    const chunks = new MapState(this, 'Chunks', { itemsPath: '$.chunks', maxConcurrency: 1, resultPath: JsonPath.DISCARD,
      itemSelector: { 'cycleId.$': '$.cycleId', 'host.$': '$.host', 'chunkSize.$': '$.chunkSize', 'chunk.$': '$$.Map.Item.Value' } });
    chunks.itemProcessor(check);
    const hosts = new MapState(this, 'Hosts', { itemsPath: '$.plan.hosts', maxConcurrency: props.hostConcurrency, resultPath: JsonPath.DISCARD,
      itemSelector: { 'cycleId.$': '$.plan.cycleId', 'chunkSize.$': '$.plan.chunkSize', 'host.$': '$$.Map.Item.Value.host', 'chunks.$': '$$.Map.Item.Value.chunks' } });
    hosts.itemProcessor(chunks);
    const finish = new LambdaInvoke(this, 'FinishCycle', { lambdaFunction: this.finish.fn, payloadResponseOnly: true,
      payload: TaskInput.fromObject({ 'plan.$': '$.plan' }) });
    finish.addRetry(THROTTLED);
    // A failed publication leaves last cycle's page up; the publish function's error alarm says so.
    const publish = new LambdaInvoke(this, 'Publish', { lambdaFunction: props.publish.fn, payloadResponseOnly: true, resultPath: JsonPath.DISCARD });
    publish.addRetry(THROTTLED);
    publish.addCatch(new Pass(this, 'PublishFailed', { comment: 'The page and feeds stay as they were' }), { resultPath: JsonPath.DISCARD });
    return plan.next(hosts).next(finish).next(publish);
  }

  /**
   * Only the oldest running execution goes on: a cycle started by hand while the scheduled one runs (or a
   * schedule retry) ends at once, so that one host never has two workers and the per-host politeness holds.
   * ListExecutions lists the newest first; the last running one is the oldest. The state machine's ARN is
   * built from its fixed name, since a reference to itself would make its role depend on it in a cycle.
   */
  private oneAtATime(stateMachineName: string, cycle: IChainable): IChainable {
    const arn = Stack.of(this).formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const running = new CallAwsService(this, 'RunningCycles', {
      service: 'sfn', action: 'listExecutions', iamAction: 'states:ListExecutions', iamResources: [arn],
      parameters: { StateMachineArn: JsonPath.stringAt('$$.StateMachine.Id'), StatusFilter: 'RUNNING', MaxResults: 100 },
      resultSelector: { 'count.$': 'States.ArrayLength($.Executions)', 'executions.$': '$.Executions' },
      resultPath: '$.running',
    });
    running.addRetry({ errors: ['Sfn.SfnException', 'States.TaskFailed'], interval: Duration.seconds(2), maxAttempts: 3, backoffRate: 2 });
    const oldest = new Pass(this, 'OldestRunning', {
      parameters: { 'execution.$': 'States.ArrayGetItem($.running.executions, States.MathAdd($.running.count, -1))' }, resultPath: '$.oldest',
    });
    const skip = new Succeed(this, 'AnotherCycleRunning', { comment: 'An older execution is checking the sites: this one ends without touching them' });
    // The list is eventually consistent: an empty one (this execution not listed yet) means no other is running either.
    return running.next(new Choice(this, 'AnyRunning?')
      .when(Condition.numberEquals('$.running.count', 0), cycle)
      .otherwise(oldest.next(new Choice(this, 'ThisIsTheOldest?')
        .when(Condition.stringEqualsJsonPath('$.oldest.execution.ExecutionArn', '$$.Execution.Id'), cycle)
        .otherwise(skip))));
  }
}
