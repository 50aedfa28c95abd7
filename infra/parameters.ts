/** The stack's parameters, read once from CDK context (cdk.json or `-c key=value`), with defaults. */
import type { Node } from 'constructs';

export interface FundwatchParameters {
  /** EventBridge Scheduler expression for the monitoring cycle, evaluated in Asia/Tokyo. */
  scheduleExpression: string;
  /** Expression for the notifier; it only sends what the cycle left pending, so it may run often. */
  notifyScheduleExpression: string;
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
}

export const DEFAULT_PARAMETERS = {
  scheduleExpression: 'cron(0 */6 * * ? *)',
  notifyScheduleExpression: 'rate(15 minutes)',
  senderEmail: 'alerts@example.org',
} as const;

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`fundwatch:${name} "${value}" must be a whole number of at least 1: fix it in cdk.json or -c fundwatch:${name}=3`);
  return n;
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
    senderEmail,
    alertEmail: get('alertEmail'),
    tableName: get('tableName'),
    senderIdentity: get('senderIdentity'),
    publicBaseUrl: get('publicBaseUrl'),
    failedSourcesAlarm: positiveInt(get('failedSourcesAlarm'), 'failedSourcesAlarm') ?? 3,
  };
}
