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
import { registerEval } from './commands/eval.js';
import { registerReport } from './commands/report.js';
import { registerCheck } from './commands/check.js';
import { registerDiff } from './commands/diff.js';

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
  registerEval(program, io, setCode);
  registerReport(program, io, setCode);
  registerCheck(program, io, setCode);
  registerDiff(program, io, setCode);
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
