import type { Runtime } from '../commands/runtime.js';
import { startProgress, type Progress } from './progress.js';

/** Progress shows once a network step has run this long (docs/cli-contract.md: "over ~300 ms"). */
export const PROGRESS_DELAY_MS = 300;

/**
 * One spinner for every network step a command takes: the command's HTTP client reports each
 * request's start and end, and while any request has been pending for PROGRESS_DELAY_MS a spinner on
 * stderr names the step (`label`, or the host being waited for). Silent unless stderr is a terminal
 * and this is not CI (Runtime.showProgress), so pipes and CI see nothing.
 */
export interface NetworkProgress {
  /** What the command is doing, e.g. "Probing https://mcp.example.com/mcp"; undefined = name the host. */
  label(text: string | undefined): void;
  /** Wraps a fetch so each of its requests counts as network activity. */
  track(fetchImpl: typeof fetch): typeof fetch;
  /** Hides the spinner while something else owns the terminal (a prompt). */
  pause(): void;
  resume(): void;
  /** Stops the spinner for good (end of the command). */
  dispose(): void;
}

type ProgressRuntime = Pick<Runtime, 'showProgress' | 'deps' | 'globals'>;

export const noNetworkProgress: NetworkProgress = {
  label: () => undefined,
  track: (fetchImpl) => fetchImpl,
  pause: () => undefined,
  resume: () => undefined,
  dispose: () => undefined,
};

export function createNetworkProgress(runtime: ProgressRuntime): NetworkProgress {
  if (!runtime.showProgress) return noNetworkProgress;
  const configured = Number(runtime.deps.env.MCPAUTH_PROGRESS_DELAY_MS);
  const delayMs = Number.isFinite(configured) && configured >= 0 ? configured : PROGRESS_DELAY_MS;
  let inFlight = 0;
  let paused = false;
  let disposed = false;
  let step: string | undefined;
  let waitingFor = '';
  let timer: NodeJS.Timeout | undefined;
  let spinner: Promise<Progress> | undefined;
  const text = (): string => step ?? `Waiting for ${waitingFor}`;
  const stop = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const current = spinner;
    spinner = undefined;
    void current?.then((progress) => progress.stop());
  };
  const schedule = (): void => {
    if (disposed || paused || inFlight === 0 || spinner !== undefined || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      const wanted = (): boolean => !disposed && !paused && inFlight > 0;
      if (wanted()) spinner = startProgress(runtime, text(), wanted);
    }, delayMs);
    timer.unref();
  };
  const update = (): void => void spinner?.then((progress) => progress.update(text()));
  return {
    label: (next) => {
      step = next;
      update();
    },
    track: (fetchImpl) => async (input, init) => {
      inFlight += 1;
      waitingFor = hostOf(input);
      update();
      schedule();
      try {
        return await fetchImpl(input, init);
      } finally {
        inFlight -= 1;
        if (inFlight === 0) stop();
      }
    },
    pause: () => {
      paused = true;
      stop();
    },
    resume: () => {
      paused = false;
      schedule();
    },
    dispose: () => {
      disposed = true;
      stop();
    },
  };
}

function hostOf(input: string | URL | Request): string {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    return new URL(href).host;
  } catch {
    return 'the server';
  }
}
