/** The fundwatch command: thin wiring from arguments to the commands. */
import { Command, Option } from 'commander';
import { AGENCIES } from '#parsers/schema.ts';
import { DEFAULT_DATA_DIR } from './local-env.ts';
import { runCommand } from './commands/run.ts';
import { parseCommand } from './commands/parse.ts';
import { serveCommand } from './commands/serve.ts';
import { diffCommand } from './commands/diff.ts';
import { sourcesCommand } from './commands/sources.ts';

const agencyOption = (): Option => new Option('--agency <agency>', 'agency of a page not in the registry').choices(AGENCIES);
const langOption = (): Option => new Option('--lang <lang>', 'language of a page not in the registry').choices(['en', 'ja']);

export function buildProgram(): Command {
  const program = new Command('fundwatch')
    .description('Watches JST, AMED and JSPS programme pages and e-mails subscribers when deadlines, agencies or eligibility change.')
    .showHelpAfterError();
  program.command('run')
    .description('run one full monitoring cycle (fetch, parse, diff, store, notify) on the local engines')
    .option('--offline', 'replay the recorded fixture pages from a local server instead of fetching the live sites')
    .option('--sources <file>', 'sources registry file (default: parsers/sources.json)')
    .option('--data <dir>', 'where the local store and inbox live', DEFAULT_DATA_DIR)
    .option('--base-url <url>', 'where `fundwatch serve` serves the subscription pages, for the links in e-mails', 'http://127.0.0.1:8787/')
    .option('--subscribers <file>', 'subscribers file to load (default with --offline: fixtures/demo-subscribers.json)')
    .option('--keep-open', 'keep the local SES inbox open in the browser after the run')
    .addOption(new Option('--ses-port <port>', 'port of the local SES emulator (default: any free port)').argParser(Number))
    .action((options) => runCommand(options));
  program.command('serve')
    .description('serve the subscription pages (subscribe, confirm, preferences, unsubscribe) with the local inbox; with --every, also run the monitoring cycle on a schedule')
    .option('--port <port>', 'port of the subscription pages', (v) => Number(v), 8787)
    .option('--data <dir>', 'where the local store and inbox live', DEFAULT_DATA_DIR)
    .option('--sources <file>', 'sources registry file (default: parsers/sources.json)')
    .option('--every <minutes>', 'run a monitoring cycle now and then every N minutes', (v) => Number(v))
    .option('--offline', 'the scheduled cycles replay the recorded pages instead of fetching the live sites')
    .option('--base-url <url>', 'public URL of the pages, for the links in e-mails (default: http://127.0.0.1:<port>/)')
    .addOption(new Option('--ses-port <port>', 'port of the local SES emulator (default: any free port)').argParser(Number))
    .action((options) => serveCommand(options));
  program.command('parse <file-or-url...>')
    .description('print the normalized record of one page or PDF; given several pages of one programme (English and Japanese), the merged record with any disagreement between them')
    .option('--json', 'print the record as JSON (validated against the schema)')
    .addOption(agencyOption()).addOption(langOption())
    .action((args, options) => parseCommand(args, options));
  program.command('diff <old> <new>')
    .description('print the changes between two versions of a page (page files, URLs or parsed JSON)')
    .option('--json', 'print { changes: [...] } as JSON')
    .addOption(agencyOption()).addOption(langOption())
    .action((oldArg, newArg, options) => diffCommand(oldArg, newArg, options));
  program.command('sources')
    .description('list the sources registry with each source\'s last status')
    .option('--sources <file>', 'sources registry file')
    .option('--data <dir>', 'where the local store lives', DEFAULT_DATA_DIR)
    .option('--json', 'print as JSON')
    .action((options) => sourcesCommand(options));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    process.stderr.write(`fundwatch: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
