import { COMPLETE_SERVERS_COMMAND } from '../commands/complete-servers.js';
import { answerWithoutTree, type StartupManifest } from './startup-answers.js';

// The root command tree as data, put here by the build (tsup.config.ts, from describe-startup.ts).
declare const __MCPAUTH_STARTUP__: StartupManifest;

/**
 * Stage one of the CLI (dist/start.js, one small file): `--version`, `--help` and one-token usage
 * errors are answered from the build's manifest of the command tree; anything else loads stage two
 * (dist/main.js: commander, the commands) and runs it. Like main.ts, it owns the process it is given.
 */
export async function start(proc: NodeJS.Process): Promise<number> {
  // commander's help width: the terminal's columns when stdout is one, else 80.
  const helpWidth = (proc.stdout.isTTY ? proc.stdout.columns : undefined) ?? 80;
  const argv = proc.argv.slice(2);
  // Tab in a shell: stored server URLs, without commander or the command tree (complete-servers.ts).
  if (argv[0] === COMPLETE_SERVERS_COMMAND) {
    const completion: string = './complete-servers.js';
    const { completeServers } = (await import(completion)) as typeof import('../commands/complete-servers.js');
    await completeServers(proc.env, (text) => proc.stdout.write(text));
    return 0;
  }
  const answer = answerWithoutTree(argv, __MCPAUTH_STARTUP__, helpWidth);
  if (answer) {
    if (answer.stdout) proc.stdout.write(answer.stdout);
    if (answer.stderr) proc.stderr.write(answer.stderr);
    return answer.exitCode;
  }
  // dist/main.js, next to dist/start.js at run time (the build keeps this import external).
  const stageTwo: string = './main.js';
  const { main } = (await import(stageTwo)) as typeof import('../main.js');
  return main(proc);
}
