/**
 * The stack's parameters: one committed file per stage (infra/stages/<stage>.json, chosen with `-c stage=<name>`),
 * validated here. Every setting lives in that file, so a deploy that changes one setting (the schedule) cannot
 * drop another (the sender identity, the alert address) the way a forgotten `-c` flag would. A `-c fundwatch:<key>`
 * flag still overrides one setting for one command, on top of the file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Node } from 'constructs';

export interface FundwatchParameters {
  /** The stage's name: part of the stack's name, so of every name CloudFormation generates ("Fundwatch-prod-…"). */
  stage: string;
  /** EventBridge Scheduler expression for the monitoring cycle, evaluated in Asia/Tokyo. */
  scheduleExpression: string;
  /** Expression for the notifier; it only sends what the cycle left pending, so it may run often. */
  notifyScheduleExpression: string;
  /** Expression for the deadline reminders (Asia/Tokyo); once a day is enough, each window lasts days. */
  reminderScheduleExpression: string;
  /** The verified SES identity (address or address at a verified domain) e-mails are sent from. */
  senderEmail: string;
  /** Maintainer alerts are e-mailed here (the subscription must be confirmed from that inbox once). */
  alertEmail: string;
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
  /**
   * Reserve Lambda concurrency for the worker (hostConcurrency) and the two senders (1 each). Off by default: AWS
   * keeps 10 of an account's concurrency unreserved, and new accounts often have a quota of 10 in all, so any
   * reservation there fails the deploy. The cycle's politeness does not depend on it (docs/deploy.md).
   */
  reservedConcurrency: boolean;
  /** The account's Lambda concurrency quota, to check a reservation against at synth (Service Quotas, "Concurrent executions"). */
  accountConcurrency: number;
  /** CloudFormation termination protection on the stack: `cdk destroy` must be asked for twice. */
  terminationProtection: boolean;
}

export const DEFAULT_PARAMETERS = {
  scheduleExpression: 'cron(0 */6 * * ? *)',
  notifyScheduleExpression: 'rate(15 minutes)',
  reminderScheduleExpression: 'cron(0 9 * * ? *)',
  failedSourcesAlarm: 3,
  hostConcurrency: 8,
  chunkSize: 20,
  logRetentionDays: 90,
  reservedConcurrency: false,
  accountConcurrency: 1000,
  terminationProtection: true,
} as const;

/** A stage file as written (infra/stages/<stage>.json). */
export interface StageFile {
  stage: string;
  senderEmail: string;
  alertEmail: string;
  senderIdentity?: string;
  publicBaseUrl?: string;
  tableName?: string;
  sourcesFile?: string;
  schedules?: { cycle?: string; notify?: string; reminders?: string };
  limits?: { hostConcurrency?: number; chunkSize?: number; failedSourcesAlarm?: number; logRetentionDays?: number };
  reservedConcurrency?: boolean;
  accountConcurrency?: number;
  terminationProtection?: boolean;
}

const STAGES_DIR = new URL('./stages/', import.meta.url);

/** The stages committed under infra/stages/. */
export function stageNames(): string[] {
  return existsSync(STAGES_DIR) ? readdirSync(STAGES_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort() : [];
}

/** Reads and validates infra/stages/<stage>.json. */
export function readStageFile(stage: string): StageFile {
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`stage "${stage}" must be 1-20 lower-case letters, digits or hyphens, starting with a letter (it becomes part of AWS names)`);
  const url = new URL(`${stage}.json`, STAGES_DIR);
  if (!existsSync(url)) throw new Error(`no stage file infra/stages/${stage}.json: copy infra/stages/example.json to it and set your addresses (stages here: ${stageNames().join(', ') || 'none'})`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(url, 'utf8'));
  } catch (err) {
    throw new Error(`infra/stages/${stage}.json is not valid JSON: ${(err as Error).message}`);
  }
  return checkStageFile(data, `infra/stages/${stage}.json`, stage);
}

const KEYS: Record<keyof StageFile | '$comment', 'string' | 'number' | 'boolean' | 'object'> = {
  $comment: 'string', stage: 'string', senderEmail: 'string', alertEmail: 'string', senderIdentity: 'string', publicBaseUrl: 'string', tableName: 'string',
  sourcesFile: 'string', schedules: 'object', limits: 'object', reservedConcurrency: 'boolean', accountConcurrency: 'number', terminationProtection: 'boolean',
};
const SCHEDULE_KEYS = ['cycle', 'notify', 'reminders'];
const LIMIT_KEYS = ['hostConcurrency', 'chunkSize', 'failedSourcesAlarm', 'logRetentionDays'];

/** A stage file's shape: known keys of the right types, its own name inside (a copied file renamed but not edited is caught). */
export function checkStageFile(data: unknown, file: string, stage: string): StageFile {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file} must hold one JSON object`);
  const o = data as Record<string, unknown>;
  for (const [key, value] of Object.entries(o)) {
    const type = KEYS[key as keyof typeof KEYS];
    if (!type) throw new Error(`${file}: unknown setting "${key}" (settings: ${Object.keys(KEYS).filter((k) => k !== '$comment').join(', ')})`);
    if (typeof value !== type || value === null) throw new Error(`${file}: "${key}" must be a ${type}`);
  }
  for (const [group, keys, type] of [['schedules', SCHEDULE_KEYS, 'string'], ['limits', LIMIT_KEYS, 'number']] as const) {
    for (const [key, value] of Object.entries((o[group] ?? {}) as Record<string, unknown>)) {
      if (!(keys as readonly string[]).includes(key)) throw new Error(`${file}: unknown setting "${group}.${key}" (${group}: ${keys.join(', ')})`);
      if (typeof value !== type) throw new Error(`${file}: "${group}.${key}" must be a ${type}`);
    }
  }
  for (const key of ['stage', 'senderEmail', 'alertEmail'] as const) if (!o[key]) throw new Error(`${file}: "${key}" is required`);
  if (o.stage !== stage) throw new Error(`${file} says "stage": "${String(o.stage)}": set it to "${stage}", the file's own name`);
  return o as unknown as StageFile;
}

/**
 * Domains that can never receive or send mail (RFC 2606, RFC 6761): an address there is a placeholder nobody
 * replaced. SES would refuse to verify it, and alerts sent to it reach nobody.
 */
const RESERVED_DOMAIN = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/i;
const isAddress = (v: string): boolean => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) || /^[^@\s]+@[^@\s.]+$/.test(v);

function positiveInt(value: unknown, name: string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new Error(`${name} "${String(value)}" must be a whole number of at least 1`);
  return n;
}

/** The retention periods CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

function retentionDays(days: number): number {
  if (!LOG_RETENTION_DAYS.includes(days)) throw new Error(`logRetentionDays ${days} is not a period CloudWatch Logs keeps: use one of ${LOG_RETENTION_DAYS.join(', ')}`);
  return days;
}

/**
 * The parameters of a stage file, with defaults, validated. Placeholder addresses are refused unless
 * `allowPlaceholders` (the committed example, synthesized for review and in the tests, never deployed).
 */
export function toParameters(file: StageFile, { allowPlaceholders = false } = {}): FundwatchParameters {
  const where = `infra/stages/${file.stage}.json`;
  for (const key of ['senderEmail', 'alertEmail'] as const) {
    if (!file[key]?.trim()) throw new Error(`${where}: "${key}" is required`);
    const value = file[key].trim();
    if (!isAddress(value)) throw new Error(`${where}: ${key} "${value}" is not an e-mail address`);
    if (!allowPlaceholders && RESERVED_DOMAIN.test(value.slice(value.lastIndexOf('@') + 1))) {
      throw new Error(`${where}: ${key} "${value}" is a placeholder (a reserved domain that receives no mail): set your own ${key === 'senderEmail' ? 'verified sender' : 'maintainers\' address'}`);
    }
  }
  const limits = file.limits ?? {};
  const params: FundwatchParameters = {
    stage: file.stage,
    scheduleExpression: file.schedules?.cycle ?? DEFAULT_PARAMETERS.scheduleExpression,
    notifyScheduleExpression: file.schedules?.notify ?? DEFAULT_PARAMETERS.notifyScheduleExpression,
    reminderScheduleExpression: file.schedules?.reminders ?? DEFAULT_PARAMETERS.reminderScheduleExpression,
    senderEmail: file.senderEmail.trim(),
    alertEmail: file.alertEmail.trim(),
    ...(file.tableName ? { tableName: file.tableName } : {}),
    ...(file.senderIdentity ? { senderIdentity: file.senderIdentity } : {}),
    ...(file.publicBaseUrl ? { publicBaseUrl: file.publicBaseUrl } : {}),
    ...(file.sourcesFile ? { sourcesFile: file.sourcesFile } : {}),
    failedSourcesAlarm: positiveInt(limits.failedSourcesAlarm ?? DEFAULT_PARAMETERS.failedSourcesAlarm, 'limits.failedSourcesAlarm'),
    hostConcurrency: positiveInt(limits.hostConcurrency ?? DEFAULT_PARAMETERS.hostConcurrency, 'limits.hostConcurrency'),
    chunkSize: positiveInt(limits.chunkSize ?? DEFAULT_PARAMETERS.chunkSize, 'limits.chunkSize'),
    logRetentionDays: retentionDays(positiveInt(limits.logRetentionDays ?? DEFAULT_PARAMETERS.logRetentionDays, 'limits.logRetentionDays')),
    reservedConcurrency: file.reservedConcurrency ?? DEFAULT_PARAMETERS.reservedConcurrency,
    accountConcurrency: positiveInt(file.accountConcurrency ?? DEFAULT_PARAMETERS.accountConcurrency, 'accountConcurrency'),
    terminationProtection: file.terminationProtection ?? DEFAULT_PARAMETERS.terminationProtection,
  };
  if (params.tableName && !params.tableName.includes(params.stage)) {
    throw new Error(`${where}: tableName "${params.tableName}" must contain the stage name "${params.stage}", so two stages in one account never share a table`);
  }
  return params;
}

/** The context keys a `-c fundwatch:<key>=value` flag may override, and how each is read. */
const OVERRIDES: Partial<Record<keyof FundwatchParameters, 'string' | 'number' | 'boolean'>> = {
  scheduleExpression: 'string', notifyScheduleExpression: 'string', reminderScheduleExpression: 'string', senderEmail: 'string', alertEmail: 'string',
  tableName: 'string', senderIdentity: 'string', publicBaseUrl: 'string', sourcesFile: 'string', failedSourcesAlarm: 'number', hostConcurrency: 'number',
  chunkSize: 'number', logRetentionDays: 'number', reservedConcurrency: 'boolean', accountConcurrency: 'number', terminationProtection: 'boolean',
};

/**
 * The parameters of the stage named by `-c stage=<name>`, with any `-c fundwatch:<key>` overrides.
 * @example readParameters(app.node) // `npx cdk deploy -c stage=prod`
 */
export function readParameters(node: Node): FundwatchParameters {
  const stage = node.tryGetContext('stage') as unknown;
  if (typeof stage !== 'string' || !stage.trim()) {
    throw new Error(`choose a stage: -c stage=<name>, for infra/stages/<name>.json (stages here: ${stageNames().join(', ') || 'none'}; see docs/deploy.md)`);
  }
  const file = readStageFile(stage.trim());
  const allowPlaceholders = node.tryGetContext('fundwatch:allowPlaceholders') === true || node.tryGetContext('fundwatch:allowPlaceholders') === 'true';
  const params = toParameters(file, { allowPlaceholders }) as unknown as Record<string, unknown>;
  for (const [key, type] of Object.entries(OVERRIDES)) {
    const raw = node.tryGetContext(`fundwatch:${key}`) as unknown;
    if (raw === undefined) continue;
    // An empty value unsets an optional setting for this command ("-c fundwatch:senderIdentity=").
    if (raw === '') {
      delete params[key];
      continue;
    }
    const value = type === 'number' ? positiveInt(raw, `fundwatch:${key}`) : type === 'boolean' ? raw === true || raw === 'true' : String(raw).trim();
    params[key] = key === 'logRetentionDays' ? retentionDays(value as number) : value;
  }
  // Overrides are checked as the file is: a placeholder or a malformed address given with -c fails the same way.
  return toParameters(fromParameters(params as unknown as FundwatchParameters), { allowPlaceholders });
}

/** The stage file that gives these parameters (to validate overridden parameters as a whole). */
function fromParameters(p: FundwatchParameters): StageFile {
  return {
    stage: p.stage, senderEmail: p.senderEmail, alertEmail: p.alertEmail,
    ...(p.senderIdentity ? { senderIdentity: p.senderIdentity } : {}), ...(p.publicBaseUrl ? { publicBaseUrl: p.publicBaseUrl } : {}),
    ...(p.tableName ? { tableName: p.tableName } : {}), ...(p.sourcesFile ? { sourcesFile: p.sourcesFile } : {}),
    schedules: { cycle: p.scheduleExpression, notify: p.notifyScheduleExpression, reminders: p.reminderScheduleExpression },
    limits: { hostConcurrency: p.hostConcurrency, chunkSize: p.chunkSize, failedSourcesAlarm: p.failedSourcesAlarm, logRetentionDays: p.logRetentionDays },
    reservedConcurrency: p.reservedConcurrency, accountConcurrency: p.accountConcurrency, terminationProtection: p.terminationProtection,
  };
}
