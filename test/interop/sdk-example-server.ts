import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * The official TypeScript SDK's example server, exactly as shipped (its default configuration: SSE
 * answers, an event store with priming events, sessions, the elicitation tool, its in-memory demo AS),
 * started on free ports through the MCP_PORT / MCP_AUTH_PORT variables it documents.
 */
const EXAMPLE = fileURLToPath(new URL('../../node_modules/@modelcontextprotocol/sdk/dist/esm/examples/server/simpleStreamableHttp.js', import.meta.url));

export interface SdkExampleServer {
  /** http://localhost:<port>/mcp: the example builds its PRM `resource` from localhost. */
  url: string;
  issuer: string;
  /** Kills the process and starts it again on the same ports: every registration and token is gone. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Resolves once both of the example's "listening on port" lines were printed; fails if it exits first. */
function launch(args: string[], mcpPort: number, authPort: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [EXAMPLE, ...args], {
    env: { ...process.env, MCP_PORT: String(mcpPort), MCP_AUTH_PORT: String(authPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const seen = new Set<string>();
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes(`listening on port ${mcpPort}`)) seen.add('mcp');
      if (output.includes(`listening on port ${authPort}`)) seen.add('as');
      if (seen.size === 2) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the SDK example server exited (${code}) before listening:\n${output.slice(-2000)}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

export async function startSdkExampleServer(args: string[] = ['--oauth']): Promise<SdkExampleServer> {
  const mcpPort = await freePort();
  const authPort = await freePort();
  let child = await launch(args, mcpPort, authPort);
  return {
    url: `http://localhost:${mcpPort}/mcp`,
    issuer: `http://localhost:${authPort}/`,
    async restart() {
      await stop(child);
      child = await launch(args, mcpPort, authPort);
    },
    close: () => stop(child),
  };
}
