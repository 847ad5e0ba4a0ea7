import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCommand, quoteArg, shellFor } from '../../src/output/shell-quote.js';
import { isTerminalSafe, MAX_LINE_LENGTH, terminalSafe, terminalText } from '../../src/output/terminal-text.js';
import { isScopeToken } from '../../src/core/scopes/scopes-report.js';

// Every character a terminal could act on: C0 (but LF in blocks), DEL, C1, bidi/zero-width, separators.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

describe('terminalText', () => {
  it('shows escape sequences visibly instead of passing them on', () => {
    expect(terminalText('a\x1b[2Jb')).toBe('a\\x1b[2Jb');
    expect(terminalText('\x1b]52;c;ZXZpbA==\x07')).toBe('\\x1b]52;c;ZXZpbA==\\x07');
    expect(terminalText('\x1b]8;;https://evil\x1b\\link')).toBe('\\x1b]8;;https://evil\\x1b\\link');
    expect(terminalText('x\u009b2Jy')).toBe('x\\x9b2Jy');
    expect(terminalText('admin\u202etxt.exe')).toBe('admin\\u202etxt.exe');
    expect(terminalText('line\r\nnext\tcol')).toBe('line\\r\\nnext\\tcol');
  });

  it('keeps LF and TAB in a block, turns CRLF into LF and still shows a lone CR', () => {
    expect(terminalText('a\r\nb\tc\rd\x1b', { multiline: true })).toBe('a\nb\tc\\rd\\x1b');
  });

  it('leaves ordinary text alone, emoji and accents included', () => {
    const text = 'Grüße 👋 — café https://mcp.example.com/mcp?x=1';
    expect(terminalText(text)).toBe(text);
    expect(isTerminalSafe(text)).toBe(true);
  });

  it('shows a lone surrogate but keeps a pair', () => {
    expect(terminalText('a\ud800b')).toBe('a\\ud800b');
    expect(terminalText('\ud83d\udc4b')).toBe('\ud83d\udc4b');
  });

  it('bounds the length and says how long the value was', () => {
    const out = terminalText('x'.repeat(10_000_000));
    expect(out.length).toBeLessThan(MAX_LINE_LENGTH + 60);
    expect(out).toMatch(/… \(cut: 10000000 characters in all\)$/);
    expect(terminalText('\x1b'.repeat(5000), { maxLength: 10 })).toBe('\\x1b\\x1b… (cut: 5000 characters in all)');
  });

  it('never lets a control character through, for any input (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.boolean(), (text, multiline) => {
      const out = terminalText(text, { multiline, maxLength: 120 });
      expect(RAW_CONTROL.test(multiline ? out.replace(/\t/g, '') : out)).toBe(false);
      if (!multiline) expect(/[\n\t]/.test(out)).toBe(false);
    }), { numRuns: 2000 });
  });

  it('copies plain data deeply, keys included, and keeps a __proto__ key as data', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": "\\u001b[31m"}, "list": ["\\u001b"], "n": 3}') as Record<string, unknown>;
    const when = new Date(0);
    const safe = terminalSafe({ ...parsed, when, ['k\x1b']: 'v' });
    expect(Object.getPrototypeOf(safe)).toBe(Object.prototype);
    expect(JSON.stringify(safe)).toBe('{"__proto__":{"polluted":"\\\\x1b[31m"},"list":["\\\\x1b"],"n":3,"when":"1970-01-01T00:00:00.000Z","k\\\\x1b":"v"}');
    expect(safe.when).toBe(when);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('formatCommand (the one shell quoter)', () => {
  it('leaves plain words bare and quotes everything else for POSIX shells', () => {
    expect(formatCommand(['mcpauth', 'login', 'https://mcp.example.com/mcp'])).toBe('mcpauth login https://mcp.example.com/mcp');
    expect(formatCommand(['mcpauth', 'login', 'https://x/mcp', '--scope', 'a $(touch${IFS}pwned) b'])).toBe("mcpauth login https://x/mcp --scope 'a $(touch${IFS}pwned) b'");
    expect(quoteArg("it's")).toBe("'it'\\''s'");
    expect(quoteArg('')).toBe("''");
    expect(quoteArg('=ls')).toBe("'=ls'");
    expect(quoteArg('a;touch${IFS}x;#/.mcp.json')).toBe("'a;touch${IFS}x;#/.mcp.json'");
  });

  it('quotes for PowerShell on Windows', () => {
    expect(shellFor('win32')).toBe('powershell');
    expect(shellFor('linux')).toBe('posix');
    expect(formatCommand(['mcpauth', 'login', 'https://x/mcp?a=1&b=2', '--scope', "it's $(x)"], 'powershell')).toBe("mcpauth login 'https://x/mcp?a=1&b=2' --scope 'it''s $(x)'");
    expect(quoteArg('a,b', 'powershell')).toBe("'a,b'");
    expect(quoteArg('--%', 'powershell')).toBe("'--%'");
    expect(quoteArg('C:\\Users\\me\\.mcp.json', 'powershell')).toBe('C:\\Users\\me\\.mcp.json');
    expect(formatCommand(['my tool', 'x'], 'powershell')).toBe("& 'my tool' x");
  });

  it('round-trips any argv through a real POSIX shell (property)', async () => {
    const { execFileSync } = await import('node:child_process');
    const args = fc.array(fc.string({ maxLength: 12 }).filter((s) => !s.includes('\0')), { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(args, (argv) => {
      const line = formatCommand(['printf', '%s\\0', ...argv]);
      const out = execFileSync('/bin/sh', ['-c', line], { encoding: 'utf8' });
      expect(out.split('\0').slice(0, -1)).toEqual(argv);
    }), { numRuns: 40 });
  });

  it('knows an RFC 6749 §3.3 scope-token', () => {
    expect(isScopeToken('mcp:tools')).toBe(true);
    expect(isScopeToken('https://graph.microsoft.com/.default')).toBe(true);
    expect(isScopeToken('a b')).toBe(false);
    expect(isScopeToken('say"hi')).toBe(false);
    expect(isScopeToken('back\\slash')).toBe(false);
    expect(isScopeToken('\x1b[2J')).toBe(false);
    expect(isScopeToken('')).toBe(false);
  });
});
