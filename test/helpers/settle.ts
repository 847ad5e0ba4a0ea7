/**
 * Lets pending promise chains and I/O callbacks run for a fixed number of event-loop turns. Tests that
 * use fake timers wait with this instead of a real delay: a count of turns does not depend on how
 * loaded the machine is, a number of milliseconds does.
 */
export async function settle(turns = 50): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Polls `condition` while real I/O (a child process, a server) makes progress: every `everyMs`, at
 * most `attempts` times, then throws naming `what`. The interval only spaces the checks; no assertion
 * depends on how long anything took.
 */
export async function pollUntil(condition: () => boolean, what: string, { everyMs = 20, attempts = 750 } = {}): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (condition()) return;
    await new Promise<void>((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`gave up waiting for ${what} after ${attempts} checks`);
}
