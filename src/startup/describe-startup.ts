import type { Command, Help } from 'commander';
import { buildProgram } from '../cli.js';
import type { Deps } from '../commands/deps.js';
import { EXIT_CODES } from '../errors.js';
import { VERSION } from '../version.js';
import type { HelpSection, StartupManifest } from './startup-answers.js';

/**
 * Extracts the start-up manifest from the real command tree: run by the build (tsup.config.ts), whose
 * output the first stage (start.ts) carries, so `--help` lists whatever is registered in cli.ts.
 */
export function describeStartup(): StartupManifest {
  let captured = '';
  const write = (text: string): boolean => ((captured += text), true);
  const deps = { io: { stdout: { write }, stderr: { write } } } as unknown as Deps;
  const program = buildProgram({ deps, exitCode: EXIT_CODES.ok });
  program.configureOutput({ getOutHelpWidth: () => 80, getOutHasColors: () => false });
  program.outputHelp();
  const helpInformation = program.helpInformation();
  if (!captured.startsWith(helpInformation)) throw new Error('the root help does not start with commander\'s help text');
  const helper = program.createHelp();
  return {
    version: VERSION,
    usage: helper.commandUsage(program),
    description: helper.commandDescription(program),
    sections: helpSections(program, helper),
    after: captured.slice(helpInformation.length),
    flags: [...program.options, ...helper.visibleOptions(program)].flatMap((option) => [option.short, option.long]).filter((flag): flag is string => Boolean(flag)),
    suggestedFlags: helper.visibleOptions(program).flatMap((option) => (option.long ? [option.long] : [])),
    versionFlags: program.options.filter((option) => option.long === '--version').flatMap((option) => [option.short, option.long]).filter((flag): flag is string => Boolean(flag)),
    commands: helper.visibleCommands(program).flatMap((command) => [command.name(), ...command.aliases()]),
  };
}

/** commander's own formatHelp, with its item formatting replaced by recording (so groups and order are its own). */
function helpSections(program: Command, helper: Help): HelpSection[] {
  const sections: HelpSection[] = [];
  helper.prepareContext({ helpWidth: 80, outputHasColors: false });
  helper.formatItem = (term, _termWidth, description) => JSON.stringify([term, description]);
  helper.formatItemList = (heading, items) => {
    sections.push({ heading, items: items.map((item) => JSON.parse(item) as [string, string]) });
    return [];
  };
  helper.formatHelp(program, helper);
  return sections;
}
