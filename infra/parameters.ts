/** The stack's parameters, read once from CDK context (cdk.json or `-c key=value`), with defaults. */
import type { Node } from 'constructs';

export interface FundwatchParameters {
  /** EventBridge Scheduler expression for the check, evaluated in Asia/Tokyo. */
  checkSchedule: string;
  notifySchedule: string;
  /** The verified SES identity e-mails are sent from. */
  senderEmail: string;
  /** Maintainer alerts go here when set. */
  alertEmail?: string;
  tableName?: string;
}

export function readParameters(node: Node): FundwatchParameters {
  const get = (key: string): string | undefined => {
    const value = node.tryGetContext(key) as unknown;
    return typeof value === 'string' && value ? value : undefined;
  };
  return {
    checkSchedule: get('fundwatch:checkSchedule') ?? 'cron(0 */6 * * ? *)',
    notifySchedule: get('fundwatch:notifySchedule') ?? 'rate(15 minutes)',
    senderEmail: get('fundwatch:senderEmail') ?? 'alerts@example.org',
    alertEmail: get('fundwatch:alertEmail'),
    tableName: get('fundwatch:tableName'),
  };
}
