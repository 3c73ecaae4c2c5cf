/**
 * The command line: a thin layer over `extract()`. `run(argv, io)` never calls process.exit;
 * it resolves to the exit code (README table): 0 success, 1 a requested check failed,
 * 2 usage error or no input, 3 some input unreadable (the rest still written).
 */
import { Command, CommanderError, Option } from 'commander';
import { jsonSchema } from '../schema.js';
import { packageInfo } from '../version.js';
import { EXIT, UsageError, type Io } from './io.js';
import { registerExtract } from './commands/extract.js';

type Register = (program: Command, io: Io, setCode: (c: number) => void) => void;

/**
 * Subcommands, imported only when their name is on the command line (or for help): a plain
 * `extract archive/` never pays for loading eval, report, check and diff (start-up time).
 */
const SUBCOMMANDS: [string, () => Promise<Register>][] = [
  ['eval', async () => (await import('./commands/eval.js')).registerEval],
  ['report', async () => (await import('./commands/report.js')).registerReport],
  ['check', async () => (await import('./commands/check.js')).registerCheck],
  ['diff', async () => (await import('./commands/diff.js')).registerDiff],
];

export async function run(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('extract');
  program
    .description('Turn Vietnamese provincial news and government articles into validated, structured records.')
    .version(packageInfo().version, '-V, --version')
    .exitOverride()
    // Options after a subcommand name belong to it (`check --format json`), not to the default command.
    .enablePositionalOptions()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
    })
    .showHelpAfterError('(run `extract --help` for usage)');

  const setCode = (c: number): void => {
    code = Math.max(code, c);
  };
  registerExtract(program, io, setCode);
  const all = argv.length === 0 || argv.some((a) => a === '-h' || a === '--help' || a === 'help');
  for (const [name, load] of SUBCOMMANDS) if (all || argv.includes(name)) (await load())(program, io, setCode);
  program
    .command('schema')
    .description('print the JSON Schema of the output, generated from the zod schemas')
    .action(() => {
      io.stdout.write(JSON.stringify(jsonSchema(), null, 2) + '\n');
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`extract: ${err.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`extract: ${(err as Error).message}\n`);
    return EXIT.unreadable;
  }
  return code;
}

export { Option };
