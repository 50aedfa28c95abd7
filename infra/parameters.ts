/** The stack's parameters, read once from CDK context (cdk.json or `-c key=value`), with defaults. */
import type { Node } from 'constructs';

export interface FundwatchParameters {
  /** EventBridge Scheduler expression for the monitoring cycle, evaluated in Asia/Tokyo. */
  scheduleExpression: string;
  /** Expression for the notifier; it only sends what the cycle left pending, so it may run often. */
  notifyScheduleExpression: string;
  /** Expression for the deadline reminders (Asia/Tokyo); once a day is enough, each window lasts days. */
  reminderScheduleExpression: string;
  /** The verified SES identity (address or address at a verified domain) e-mails are sent from. */
  senderEmail: string;
  /** Maintainer alerts are e-mailed here when set; otherwise subscribe to the topic by hand. */
  alertEmail?: string;
  /** A fixed table name; leave unset to let CloudFormation name it (safer for side-by-side stacks). */
  tableName?: string;
  /** A domain or address for the stack to create as the SES identity; unset when it is verified already. */
  senderIdentity?: string;
  /** The subscription pages' public URL (a custom domain); unset: the HTTP API's own address. */
  publicBaseUrl?: string;
  /** How many failed sources in one cycle raise an alarm (one unreachable page is normal weather). */
  failedSourcesAlarm: number;
  /** The registry to deploy (validated at synth, copied into the functions); unset: parsers/sources.json. */
  sourcesFile?: string;
  /** Hosts checked side by side (each host's own pages always one after another). */
  hostConcurrency: number;
  /** Sources per worker invocation. */
  chunkSize: number;
  /** Days the functions' and the state machine's logs are kept. */
  logRetentionDays: number;
}

export const DEFAULT_PARAMETERS = {
  scheduleExpression: 'cron(0 */6 * * ? *)',
  notifyScheduleExpression: 'rate(15 minutes)',
  reminderScheduleExpression: 'cron(0 9 * * ? *)',
  senderEmail: 'alerts@example.org',
  hostConcurrency: 8,
  chunkSize: 20,
  logRetentionDays: 90,
} as const;

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`fundwatch:${name} "${value}" must be a whole number of at least 1: fix it in cdk.json or -c fundwatch:${name}=3`);
  return n;
}

/** The retention periods CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

function retentionDays(days: number): number {
  if (!LOG_RETENTION_DAYS.includes(days)) throw new Error(`fundwatch:logRetentionDays ${days} is not a period CloudWatch Logs keeps: use one of ${LOG_RETENTION_DAYS.join(', ')}`);
  return days;
}

/**
 * Reads `fundwatch:<name>` context keys.
 * @example readParameters(app.node) // with `-c fundwatch:alertEmail=ops@example.org`
 */
export function readParameters(node: Node): FundwatchParameters {
  const get = (name: keyof FundwatchParameters): string | undefined => {
    const value = node.tryGetContext(`fundwatch:${name}`) as unknown;
    if (typeof value === 'number') return String(value);
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };
  const senderEmail = get('senderEmail') ?? DEFAULT_PARAMETERS.senderEmail;
  if (!/^[^@\s]+@[^@\s]+$/.test(senderEmail)) {
    throw new Error(`fundwatch:senderEmail "${senderEmail}" is not an e-mail address: set it in cdk.json or with -c fundwatch:senderEmail=you@your-domain`);
  }
  return {
    scheduleExpression: get('scheduleExpression') ?? DEFAULT_PARAMETERS.scheduleExpression,
    notifyScheduleExpression: get('notifyScheduleExpression') ?? DEFAULT_PARAMETERS.notifyScheduleExpression,
    reminderScheduleExpression: get('reminderScheduleExpression') ?? DEFAULT_PARAMETERS.reminderScheduleExpression,
    senderEmail,
    alertEmail: get('alertEmail'),
    tableName: get('tableName'),
    senderIdentity: get('senderIdentity'),
    publicBaseUrl: get('publicBaseUrl'),
    failedSourcesAlarm: positiveInt(get('failedSourcesAlarm'), 'failedSourcesAlarm') ?? 3,
    sourcesFile: get('sourcesFile'),
    hostConcurrency: positiveInt(get('hostConcurrency'), 'hostConcurrency') ?? DEFAULT_PARAMETERS.hostConcurrency,
    chunkSize: positiveInt(get('chunkSize'), 'chunkSize') ?? DEFAULT_PARAMETERS.chunkSize,
    logRetentionDays: retentionDays(positiveInt(get('logRetentionDays'), 'logRetentionDays') ?? DEFAULT_PARAMETERS.logRetentionDays),
  };
}
