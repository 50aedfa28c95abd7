/** Options several commands share: the page's agency and language, where a query reads, how it prints. */
import { Command, Option } from 'commander';
import type { Agency } from '#parsers/schema.ts';
import { DEFAULT_DATA_DIR } from './data-folder.ts';
import { parseDay, parsePort } from './option-values.ts';

/**
 * The agencies, for the options' choices. Not parsers/schema.ts's AGENCIES: importing that module loads zod,
 * which alone takes longer than `fundwatch --help` may. The type checker keeps the two lists equal.
 */
const AGENCIES = ['JST', 'AMED', 'JSPS'] as const satisfies readonly Agency[];
type MissingAgency = Exclude<Agency, (typeof AGENCIES)[number]>;
const _everyAgency: [MissingAgency] extends [never] ? true : MissingAgency = true;

export const agencyOption = (): Option => new Option('--agency <agency>', 'agency of a page not in the registry').choices(AGENCIES);
export const langOption = (): Option => new Option('--lang <lang>', 'language of a page not in the registry').choices(['en', 'ja']);

/** Where a query reads: the local store, or a DynamoDB table in AWS (standard credential chain). */
export function storeOptions(command: Command): Command {
  return command
    .option('--data <dir>', 'where the local store lives', DEFAULT_DATA_DIR)
    .option('--table <name>', 'read this DynamoDB table instead of the local store (the stack\'s TableName output)')
    .option('--region <region>', 'AWS region of --table (default: from your AWS configuration)')
    .option('--endpoint <url>', 'DynamoDB endpoint for --table, e.g. DynamoDB Local');
}

export function outputOptions(command: Command): Command {
  return command.option('--json', 'print JSON').option('--jsonl', 'print JSON Lines').option('--csv', 'print CSV (RFC 4180)');
}

export const asOf = (day: string | undefined): Date => (day ? new Date(parseDay(day, '--as-of')) : new Date());

/** The local SES emulator's port; a busy or invalid one is refused before anything starts. */
export const sesPortOption = (): Option => new Option('--ses-port <port>', 'port of the local SES emulator (default: any free port)').argParser((v) => parsePort(v, '--ses-port'));

export const agencyFilter = (): Option => new Option('--agency <agency>', 'only this agency').choices(AGENCIES);
