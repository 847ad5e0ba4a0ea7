import { describe, expect, it } from 'vitest';
import { planConfigRotation, type ConfigRotationInput } from '../../../../src/core/rotate/config/config-rotation.js';
import { mergeDotenv, readDotenv } from '../../../../src/core/rotate/config/dotenv-text.js';
import { sitesFromFindings } from '../../../../src/core/rotate/config/sites-from-findings.js';

const KEY = 'sk-ant-api03-' + 'k'.repeat(90);
const TEXT = `{"mcpServers":{"d":{"command":"npx","args":["srv","--key=${KEY}"]}}}`;

function finding(client: string, pointer: string) {
  const start = TEXT.indexOf(KEY) + 1;
  return { ruleId: 'anthropic-api-key', category: 'secret', severity: 'error', file: 'x.json', line: 1, column: start, endLine: 1, endColumn: start + KEY.length, pointer, client };
}

function input(client: string, overrides: Partial<ConfigRotationInput> = {}): ConfigRotationInput {
  const sites = sitesFromFindings(TEXT, [finding(client, '/mcpServers/d/args/1')]);
  return { file: 'x.json', client, text: TEXT, sites, target: 'env', dotenv: { path: '.env', text: '', tracked: false, ignored: false }, committedSecrets: new Set([KEY]), ...overrides };
}

describe('planConfigRotation', () => {
  it('maps an audit finding (array index pointer, span inside the value) to the literal only', () => {
    const [site] = sitesFromFindings(TEXT, [finding('claude-code', '/mcpServers/d/args/1')]);
    expect(site).toMatchObject({ jsonPath: ['mcpServers', 'd', 'args', 1], value: `--key=${KEY}`, secret: KEY, envName: 'D_API_KEY' });
  });

  it('a committed secret the client cannot reference is still listed for revocation, with the provider page', () => {
    const plan = planConfigRotation(input('claude-desktop'));
    expect(plan.changed).toBe(false);
    expect(plan.skipped).toEqual([expect.objectContaining({ reason: 'client-expands-nothing', jsonPath: 'mcpServers.d.args.1' })]);
    expect(plan.committed).toEqual([{ envName: 'D_API_KEY', ruleId: 'anthropic-api-key', page: { provider: 'Anthropic', url: 'https://console.anthropic.com/settings/keys' } }]);
  });

  it('merges into an existing .env without touching other lines; asks for the ignore entry', () => {
    const plan = planConfigRotation(input('claude-code', { dotenv: { path: '.env', text: '# mine\nOTHER=1', tracked: false, ignored: false } }));
    expect(plan.configText).toBe(TEXT.replace(KEY, '${D_API_KEY}'));
    expect(plan.dotenvText).toBe(`# mine\nOTHER=1\nD_API_KEY='${KEY}'\n`);
    expect(plan.needsIgnoreEntry).toBe(true);
    expect(JSON.stringify({ ...plan, dotenvText: undefined, values: undefined })).not.toContain(KEY.slice(20));
  });

  it('never reuses a .env name that holds another value', () => {
    const plan = planConfigRotation(input('claude-code', { dotenv: { path: '.env', text: 'D_API_KEY=something-else\n', tracked: false, ignored: true } }));
    expect(plan.moved.map((entry) => entry.envName)).toEqual(['D_API_KEY_2']);
    expect(plan.needsIgnoreEntry).toBe(false);
  });
});

describe('.env text', () => {
  it('quotes so that $, # and spaces stay literal, and reads back what it wrote', () => {
    const secret = `a$b #c 'd"`;
    const text = mergeDotenv('', [{ envName: 'S', secret, ruleId: 'r' }, { envName: 'T', secret: 'p$q #r', ruleId: 'r' }]);
    expect(text).toBe(`S="a$b #c 'd\\""\nT='p$q #r'\n`);
    expect(readDotenv(text)).toEqual(new Map([['S', secret], ['T', 'p$q #r']]));
    expect(mergeDotenv(text, [{ envName: 'T', secret: 'p$q #r', ruleId: 'r' }])).toBe(text);
  });
});
