/** One identity for a deadline across pages and calls, so that every place that merges or dedupes deadlines agrees. */
import type { Deadline } from './schema.ts';

/**
 * A deadline's identity: its step (kind), date and time. The label and evidence are left out on purpose:
 * the English and Japanese pages word one step differently but state the same date.
 *
 * @example
 * deadlineKey({ kind: 'submission', date: '2025-06-30', time: '12:00', ... }) // 'submission|2025-06-30|12:00'
 */
export function deadlineKey(d: Pick<Deadline, 'kind' | 'date' | 'time'>): string {
  return `${d.kind}|${d.date}|${d.time}`;
}
