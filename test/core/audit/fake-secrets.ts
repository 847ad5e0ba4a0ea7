import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withGithubChecksum } from '../../../src/core/audit/github-checksum.js';

/**
 * Fixture files carry `{{NAME}}` markers, never secret-shaped strings: the repository stays
 * clean for secret scanners (ours included) and push protection. Tests copy a fixture tree to a
 * temp dir and put these generated fakes in place of the markers.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

function pseudoRandom(seed: string, length: number, alphabet: string): string {
  let state = [...seed].reduce((h, c) => (Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0), 2166136261);
  let out = '';
  for (let i = 0; i < length; i += 1) {
    state = (Math.imul(state ^ (state >>> 15), 2246822507) + 3266489909 + i) >>> 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

function fakeJwt(payload: Record<string, unknown>, seed: string): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}.${pseudoRandom(seed, 43, `${ALNUM}-_`)}`;
}

const pem = `-----BEGIN PRIVATE KEY-----\\n${pseudoRandom('pem', 64, ALNUM)}\\n${pseudoRandom('pem2', 64, ALNUM)}\\n-----END PRIVATE KEY-----`;

export const FAKE_SECRETS: Record<string, string> = {
  GITHUB_PAT: withGithubChecksum('ghp', pseudoRandom('ghp', 30, ALNUM)),
  GITHUB_PAT_BADSUM: `ghp_${pseudoRandom('ghp', 30, ALNUM)}Zz9Zz9`,
  OPENAI: `sk-proj-${pseudoRandom('oa1', 58, ALNUM)}T3BlbkFJ${pseudoRandom('oa2', 58, ALNUM)}`,
  ANTHROPIC: `sk-ant-api03-${pseudoRandom('ant', 93, ALNUM)}AA`,
  AWS_SECRET: pseudoRandom('aws', 40, `${ALNUM}/+`),
  STRIPE_LIVE: `sk_live_${pseudoRandom('stripe', 24, ALNUM)}`,
  STRIPE_TEST: `sk_test_${pseudoRandom('stripe-test', 24, ALNUM)}`,
  SLACK_BOT: `xoxb-${pseudoRandom('s1', 11, '0123456789')}-${pseudoRandom('s2', 12, '0123456789')}-${pseudoRandom('s3', 24, ALNUM)}`,
  NOTION: `ntn_${pseudoRandom('n1', 11, '0123456789')}${pseudoRandom('n2', 35, ALNUM)}`,
  HF: `hf_${pseudoRandom('hf', 34, ALNUM)}`,
  GROQ: `gsk_${pseudoRandom('groq', 52, ALNUM)}`,
  XAI: `xai-${pseudoRandom('xai', 80, ALNUM)}`,
  TAVILY: `tvly-${pseudoRandom('tavily', 32, ALNUM)}`,
  FIGMA: `figd_${pseudoRandom('figma', 40, ALNUM)}`,
  POSTHOG_PROJECT: `phc_${pseudoRandom('phc', 43, ALNUM)}`,
  OPAQUE: pseudoRandom('opaque', 32, ALNUM),
  DB_PASSWORD: `Pw${pseudoRandom('db', 14, ALNUM)}9`,
  DATADOG: pseudoRandom('dd', 32, HEX),
  PEM: pem,
  JWT: fakeJwt({ sub: 'svc', iss: 'https://issuer.example', exp: 4102444800 }, 'jwt'),
  SUPABASE_SERVICE: fakeJwt({ iss: 'supabase', ref: 'abcdxyzref', role: 'service_role', iat: 1700000000, exp: 4102444800 }, 'svc'),
  SUPABASE_ANON: fakeJwt({ iss: 'supabase', ref: 'abcdxyzref', role: 'anon', iat: 1700000000, exp: 4102444800 }, 'anon'),
};

// Not secrets, but kept out of the committed fixtures so a scan of this repository stays clean.
const OTHER_VALUES: Record<string, string> = { OLD_MCP_REMOTE: 'mcp-remote@0.1.10' };

export function fillMarkers(text: string): string {
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (marker, name: string) => FAKE_SECRETS[name] ?? OTHER_VALUES[name] ?? marker);
}

/** Copies test/fixtures/audit/<name> to a fresh temp dir with the markers filled in. */
export function materializeFixture(name: string): string {
  const source = join(import.meta.dirname, '../../fixtures/audit', name);
  const target = mkdtempSync(join(tmpdir(), `mcpauth-audit-${name}-`));
  cpSync(source, target, { recursive: true });
  fillTree(target);
  return target;
}

function fillTree(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) fillTree(path);
    else writeFileSync(path, fillMarkers(readFileSync(path, 'utf8')));
  }
}
