/**
 * The stack's alarms, each with what the maintainer should do: every function's failures, the cycle's
 * own numbers and silence, and the subscription side. All go to the maintainer topic (MaintainerAlerts).
 */
import { Duration } from 'aws-cdk-lib';
import { ALARM_PERIOD, HEARTBEAT_WINDOW, type MaintainerAlerts } from '../constructs/maintainer-alerts.ts';
import type { MonitorFunction } from '../constructs/monitor-function.ts';
import type { CheckCycle } from '../constructs/check-cycle.ts';
import { cycleMetric } from '../constructs/operations-dashboard.ts';
import { MAX_RECEIVES, type SubscriptionApi } from '../constructs/subscription-api.ts';

/** Every function watched, by the name its alarms and dashboard widgets carry. */
export type Monitors = ReadonlyArray<readonly [string, MonitorFunction]>;

/** Each function's errors and throttles, and the dead letters of those invoked asynchronously. */
export function alarmOnFunctions(alerts: MaintainerAlerts, monitors: Monitors): void {
  for (const [name, monitor] of monitors) {
    alerts.alarmOnAny(`${name}Errors`, monitor.fn.metricErrors({ period: ALARM_PERIOD }), `The ${name} Lambda failed: read its log group.`);
    alerts.alarmOnAny(`${name}Throttles`, monitor.fn.metricThrottles({ period: ALARM_PERIOD }),
      `Lambda refused to run ${name} (its reserved concurrency or the account's concurrency quota is used up): see Throttles in docs/deploy.md.`);
    if (monitor.deadLetterQueue) {
      alerts.alarmOnAny(`${name}DeadLetters`, monitor.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD }),
        `An asynchronous ${name} invocation failed after retries: inspect and purge its dead-letter queue.`);
    }
  }
}

/** The cycle as a whole, and its own numbers: a site down or a parser broken shows here before anyone misses an e-mail. */
export function alarmOnCycle(alerts: MaintainerAlerts, cycle: CheckCycle, failedSourcesAlarm: number): void {
  alerts.alarmOnAny('CycleDeadLetters', cycle.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD }),
    'The scheduler could not start a monitoring cycle: inspect the queue (permissions, a deleted state machine) and purge it.');
  alerts.alarmOnAny('CycleFailed', cycle.stateMachine.metricFailed({ period: ALARM_PERIOD }),
    'A monitoring cycle failed as a whole (its plan or its finish step): open the execution in the Step Functions console.');
  alerts.alarmOnAny('CycleTimedOut', cycle.stateMachine.metricTimedOut({ period: ALARM_PERIOD }),
    'A monitoring cycle ran past five hours: raise limits.hostConcurrency in the stage file or check for a host that answers very slowly.');
  alerts.alarmAtLeast('FailedSources', cycleMetric('SourcesFailed', 'check-finish', ALARM_PERIOD), failedSourcesAlarm,
    `At least ${failedSourcesAlarm} sources failed in a cycle: read the check-finish log ("cycle finished" lists each source and its reason).`);
  alerts.alarmOnAny('ChunksMissing', cycleMetric('ChunksMissing', 'check-finish', ALARM_PERIOD),
    'A worker failed twice on one chunk, so its sources were not checked this cycle: read the check-chunk log for that host.');
  alerts.alarmOnAny('ParserHealth', cycleMetric('SourcesUnhealthy', 'check-finish', ALARM_PERIOD),
    'A page stopped yielding what it used to (site redesign or parser failure): its last good snapshot is kept; see docs/deploy.md.');
  alerts.alarmOnAny('ReminderFailures', cycleMetric('ReminderFailures', 'reminders', ALARM_PERIOD),
    'Deadline reminders could not be sent: read the reminders log; the next run sends them if they are still due.');
  alerts.alarmOnAny('DeliveryFailures', cycleMetric('DeliveryFailures', 'notify', ALARM_PERIOD),
    'E-mails could not be sent (channel posts are counted apart, as ChannelFailures): read the notify log; check the sender identity, the sandbox and the sending quota.');
  // Silence that means dead: every error alarm above stays quiet when nothing runs at all.
  alerts.heartbeat('NoSourcesChecked', cycleMetric('SourcesChecked', 'check-finish'), HEARTBEAT_WINDOW,
    `No monitoring cycle finished in ${HEARTBEAT_WINDOW.toHours()} hours: check the cycle's schedule and the state machine's executions.`);
  alerts.alarmOnSesReputation();
}

/** The subscription side: a queued form set aside after repeated failures, and server errors from the pages. */
export function alarmOnSubscriptions(alerts: MaintainerAlerts, pages: SubscriptionApi): void {
  alerts.alarmOnAny('SubscribeRequestDeadLetters', pages.requestDeadLetters.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD }),
    `A subscribe form failed ${MAX_RECEIVES} times and was set aside (the person got no confirmation e-mail): read the subscription-requests log, ` +
    'fix the cause (SES refusals, the sending quota), then redrive the dead-letter queue to its source queue (docs/faults.md).');
  alerts.alarmOnAny('SubscriptionApi5xx', pages.api.defaultStage!.metricServerError({ period: ALARM_PERIOD }),
    'The subscription pages answered with server errors: read the subscription-api log and the API\'s access logs.');
}

/** Notifier runs in a row with a failed channel post before the maintainers hear of it: one is a receiver's hiccup, three an outage. */
export const CHANNEL_FAILURE_RUNS = 3;

/**
 * The channel alarm's window: one period per notifier run, read from a rate() schedule, CHANNEL_FAILURE_RUNS of them
 * (CloudWatch looks back at most a day). A cron() schedule's spacing is not read: then any failure alarms, noisier but never silent.
 * @example channelAlarmWindow('rate(15 minutes)') // { period: 15 minutes, periods: 3 }
 */
export function channelAlarmWindow(notifySchedule: string): { period: Duration; periods: number } {
  const rate = /^rate\((\d+) (minutes?|hours?)\)$/.exec(notifySchedule.trim());
  const minutes = rate ? Number(rate[1]) * (rate[2]!.startsWith('hour') ? 60 : 1) : 0;
  if (minutes < 1 || minutes * CHANNEL_FAILURE_RUNS > 24 * 60) return { period: ALARM_PERIOD, periods: 1 };
  return { period: Duration.minutes(minutes), periods: CHANNEL_FAILURE_RUNS };
}

/**
 * Channels (Slack, Teams, webhooks): posts that failed in CHANNEL_FAILURE_RUNS notifier runs in a row. A failed post
 * is tried again each run (its changes stay owed), so a receiver that is down stays visible run after run; a webhook
 * that is gone (410, or 403 / 404 three times) disables its channel and tells its owner, not the maintainers.
 */
export function alarmOnChannels(alerts: MaintainerAlerts, notifySchedule: string): void {
  const { period, periods } = channelAlarmWindow(notifySchedule);
  alerts.alarmWhenPersists('ChannelFailures', cycleMetric('ChannelFailures', 'notify', period), periods,
    `Posts to Slack, Teams or webhook channels failed in ${periods} notifier run(s) in a row: read the notify log ("notify finished" lists each `
    + 'channel\'s subscriber id and the answer, URLs masked); a receiver that is down or throttling is retried every run; see Channels in docs/deploy.md.');
}
