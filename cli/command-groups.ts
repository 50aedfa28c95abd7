/**
 * The commands, registered in groups in the order `fundwatch --help` lists them: the local engines,
 * reading pages, querying the store, writing files. Each registration only wires options to a command.
 */
import { Command, Option } from 'commander';
import { CHANGE_CATEGORIES } from '#core/domain/changes.ts';
import { DEFAULT_DATA_DIR } from './data-folder.ts';
import { parseBaseUrl, parseMinutes, parsePort } from './option-values.ts';
import { listValue, parseKind } from './channel-options.ts';
import { agencyFilter, agencyOption, asOf, langOption, outputOptions, sesPortOption, storeOptions } from './cli-options.ts';

// Each command's implementation is imported when the command runs, not when the command line is built:
// `--help` loads none of them, and a query never loads the fetcher, the PDF reader or the SES client.
// (The built CLI puts each in its own chunk: scripts/build-cli.mjs.)
const run = () => import('./commands/run.ts');
const serve = () => import('./commands/serve.ts');
const channel = () => import('./commands/channel.ts');
const parse = () => import('./commands/parse.ts');
const listing = () => import('./commands/listing.ts');
const diff = () => import('./commands/diff.ts');
const sources = () => import('./commands/sources.ts');
const query = () => import('./commands/query.ts');
const exportFiles = () => import('./commands/export.ts');
const publish = () => import('./commands/publish.ts');

/** run and serve: the monitoring cycle and the subscription pages on the local engines. */
export function addEngineCommands(program: Command): void {
  program.command('run')
    .description('run one full monitoring cycle (fetch, parse, diff, store, notify) on the local engines')
    .option('--offline', 'replay the recorded fixture pages from a local server instead of fetching the live sites')
    .option('--sources <file>', 'sources registry file (default: parsers/sources.json)')
    .option('--data <dir>', 'where the local store and inbox live', DEFAULT_DATA_DIR)
    .option('--base-url <url>', 'where `fundwatch serve` serves the subscription pages, for the links in e-mails', (v) => parseBaseUrl(v, '--base-url'), 'http://127.0.0.1:8787/')
    .option('--subscribers <file>', 'subscribers file to load (default with --offline: fixtures/demo-subscribers.json)')
    .option('--keep-open', 'keep the local SES inbox open in the browser after the run')
    .option('--listings <file>', 'listings of calls to read for new calls (default: parsers/listing-sources.json)')
    .option('--no-discover', 'do not read the listings: watch the registry only')
    .addOption(sesPortOption())
    .action(async (options) => (await run()).runCommand(options));
  program.command('serve')
    .description('serve the subscription pages (subscribe, confirm, preferences, unsubscribe) with the local inbox; with --every, also run the monitoring cycle on a schedule')
    .option('--port <port>', 'port of the subscription pages', (v) => parsePort(v, '--port'), 8787)
    .option('--data <dir>', 'where the local store and inbox live', DEFAULT_DATA_DIR)
    .option('--sources <file>', 'sources registry file (default: parsers/sources.json)')
    .option('--every <minutes>', 'run a monitoring cycle now and then every N minutes (a whole number, at least 1)', (v) => parseMinutes(v, '--every'))
    .option('--offline', 'the scheduled cycles replay the recorded pages instead of fetching the live sites')
    .option('--base-url <url>', 'public URL of the pages, for the links in e-mails (default: http://127.0.0.1:<port>/)', (v) => parseBaseUrl(v, '--base-url'))
    .option('--channels-port <port>', 'port of the local channels receiver, whose page lists what Slack, Teams and webhooks would receive (default: 8788, the port local channel URLs name)', (v) => parsePort(v, '--channels-port'))
    .addOption(sesPortOption())
    .action(async (options) => (await serve()).serveCommand(options));
  addChannelCommands(program);
}

/** channel add, channel list: Slack, Teams and generic webhooks in the local store. */
function addChannelCommands(program: Command): void {
  const group = program.command('channel').description('add or list the Slack, Teams and generic webhook channels of a local store');
  group.command('add')
    .description('add a channel (double opt-in: its first post carries the confirm link, opened on the pages of `fundwatch serve`)')
    .requiredOption('--kind <kind>', 'slack, teams or webhook', (v) => parseKind(v))
    .requiredOption('--url <url>', 'the webhook URL (https; or the local receiver\'s, http://127.0.0.1:8788/<kind>/<name>)')
    .requiredOption('--owner <email>', 'told by e-mail if the channel stops accepting messages')
    .option('--label <name>', 'your name for the channel, such as #grants-office')
    .option('--lang <lang>', 'language of the posts: en (default) or ja')
    .option('--agencies <list>', 'only these agencies (JST,AMED,JSPS)', listValue)
    .option('--programs <list>', 'only these programmes (ids, comma-separated)', listValue)
    .option('--delivery <mode>', 'immediate (default), daily or weekly')
    .option('--data <dir>', 'where the local store lives', DEFAULT_DATA_DIR)
    .option('--base-url <url>', 'where `fundwatch serve` serves the pages, for the confirm link', (v) => parseBaseUrl(v, '--base-url'), 'http://127.0.0.1:8787/')
    .action(async (options) => (await channel()).channelAddCommand(options));
  group.command('list')
    .description('list the channels of a local store: id, kind, status, the URL masked, refusals in a row')
    .option('--data <dir>', 'where the local store lives', DEFAULT_DATA_DIR)
    .action(async (options) => (await channel()).channelListCommand(options));
}

/** parse, listing, diff, sources: one page or the registry, read without the store's history. */
export function addPageCommands(program: Command): void {
  program.command('parse <file-or-url...>')
    .description('print the normalized record of one page or PDF; given several pages of one programme (English and Japanese), the merged record with any disagreement between them')
    .option('--json', 'print the record as JSON (validated against the schema)')
    .option('--explain', 'also list each block holding a date, amount, e-mail address or agency-like name that no field took, and why when known (with --json: an "explain" object beside the record)')
    .addOption(agencyOption()).addOption(langOption())
    .action(async (args, options) => (await parse()).parseCommand(args, options));
  program.command('listing <file-or-url>')
    .description('print the entries of a notice list or call page (title, link, date, kind: call, call-update, event, result, …); a registered listing is read by its adapter, any other page by the generic reader')
    .option('--json', 'print { entries: [{ title, url, date, kind }] } as JSON')
    .addOption(agencyOption()).addOption(langOption())
    .action(async (arg, options) => (await listing()).listingCommand(arg, options));
  program.command('diff <old> <new>')
    .description('print the changes between two versions of a page (page files, URLs or parsed JSON)')
    .option('--json', 'print { changes: [...] } as JSON')
    .addOption(agencyOption()).addOption(langOption())
    .action(async (oldArg, newArg, options) => (await diff()).diffCommand(oldArg, newArg, options));
  program.command('sources')
    .description('list the sources registry with each source\'s last status')
    .option('--sources <file>', 'sources registry file')
    .option('--data <dir>', 'where the local store lives', DEFAULT_DATA_DIR)
    .option('--json', 'print as JSON')
    .action(async (options) => (await sources()).sourcesCommand(options));
}

/** programs, show, history, changes, deadlines: questions to the store, printed as text, JSON, JSON Lines or CSV. */
export function addQueryCommands(program: Command): void {
  outputOptions(storeOptions(program.command('programs')
    .description('current programmes with their open calls and next deadline')))
    .addOption(agencyFilter()).addOption(new Option('--lang <lang>', 'only programmes with a page in this language (names in it)').choices(['en', 'ja']))
    .option('--as-of <date>', 'next deadlines as of this day instead of today (YYYY-MM-DD, Japan time)')
    .action(async (options) => (await query()).programsCommand(options, undefined, asOf(options.asOf)));
  storeOptions(program.command('show <programId>')
    .description('one programme\'s current record, merged across its pages, every fact with the page\'s own words'))
    .option('--json', 'print the merged record as JSON')
    .action(async (id, options) => (await query()).showCommand(id, options));
  outputOptions(storeOptions(program.command('history <programId>')
    .description('every snapshot and change of a programme\'s pages over time, oldest first')))
    .addOption(new Option('--field <category>', 'only changes of this category').choices(CHANGE_CATEGORIES))
    .addOption(new Option('--lang <lang>', 'language of the summaries').choices(['en', 'ja']))
    .action(async (id, options) => (await query()).historyCommand(id, options));
  outputOptions(storeOptions(program.command('changes')
    .description('the change log, oldest first (default: the last 90 days)')))
    .option('--since <date>', 'from this day (YYYY-MM-DD, Japan time) or ISO time')
    .option('--until <date>', 'up to, not including, this day or time')
    .addOption(agencyFilter())
    .addOption(new Option('--category <category>', 'only this category').choices(CHANGE_CATEGORIES))
    .option('--program <id>', 'only this programme')
    .addOption(new Option('--lang <lang>', 'language of the summaries').choices(['en', 'ja']))
    .action(async (options) => (await query()).changesCommand(options));
  outputOptions(storeOptions(program.command('deadlines')
    .description('upcoming deadlines, soonest first, in Japan time and in yours')))
    .option('--within <span>', 'only those within this span: 60d, 8w, 2m')
    .addOption(agencyFilter())
    .option('--program <id>', 'only this programme')
    .option('--tz <zone>', 'your time zone (IANA name; default: this machine\'s)')
    .option('--as-of <date>', 'answer as of this day instead of today (YYYY-MM-DD, Japan time)')
    .action(async (options) => (await query()).deadlinesCommand(options, undefined, asOf(options.asOf)));
}

/** export, publish: the store written out as files (JSON Lines; the deadlines page and its feeds). */
export function addFileCommands(program: Command): void {
  storeOptions(program.command('export')
    .description('the complete history as JSON Lines, one file per entity (docs/export.md), for DuckDB, pandas or Athena'))
    .requiredOption('--out <dir>', 'folder to write the .jsonl files into')
    .action(async (options) => (await exportFiles()).exportCommand(options));
  storeOptions(program.command('publish')
    .description('generate the deadlines page (English and Japanese), the calendar (.ics) and Atom feeds and the JSON documents into a folder'))
    .requiredOption('--out <dir>', 'folder to write the page and feeds into')
    .option('--base-url <url>', 'where the folder will be served (absolute links in the feeds; default: the folder as a file: URL)')
    .option('--subscribe-url <url>', 'the subscription form to link to')
    .option('--sources <file>', 'the registry whose programmes feeds/programmes.json lists (default: parsers/sources.json)')
    .action(async (options) => (await publish()).publishCommand(options));
}
