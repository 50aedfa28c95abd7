/** The fundwatch command: thin wiring from arguments to the commands. */
import { Command } from 'commander';
import { addEngineCommands, addFileCommands, addPageCommands, addQueryCommands } from './command-groups.ts';

/** The fundwatch command line: every command and its options, ready to parse arguments. */
export function createCommandLine(): Command {
  const program = new Command('fundwatch')
    .description('Watches JST, AMED and JSPS programme pages and e-mails subscribers when deadlines, agencies or eligibility change.')
    .showHelpAfterError();
  addEngineCommands(program);
  addPageCommands(program);
  addQueryCommands(program);
  addFileCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await createCommandLine().parseAsync(argv);
    return 0;
  } catch (err) {
    process.stderr.write(`fundwatch: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
