import { getChild, getPath, type ObjectNode, type StringNode, type TreeNode } from './config-tree.js';
import type { DetectedClient } from '../clients/detect-client.js';
import { serverEntries, serverMapsOf } from './fields.js';

/** A finding about a setting rather than a secret: where it is and what to say. */
export interface SettingHit {
  ruleId: string;
  path: Array<string | number>;
  node: TreeNode;
  detail?: string;
}

/** Insecure settings and hygiene (reference §1.4): trust flags, auto-approval, inputs, pinning. */
export function detectSettings(root: TreeNode, detected: DetectedClient, file: string): SettingHit[] {
  const hits: SettingHit[] = [];
  if (detected.profile.id === 'claude-settings') hits.push(...claudeSettings(root, file));
  if (detected.profile.id === 'vscode' || detected.profile.id === 'visual-studio') hits.push(...vscodeInputs(root, detected));
  if (detected.profile.id === 'amazon-q' || detected.profile.id === 'kiro') hits.push(...agentAllowedTools(root));
  for (const map of serverMapsOf(root, detected)) {
    for (const [name, server] of serverEntries(map.node)) {
      const path = [...map.path, name];
      hits.push(...serverSettings(server, path), ...packagePinning(server, path));
    }
  }
  return hits;
}

/**
 * Amazon Q / Kiro agent files: `allowedTools` lists tools that run without asking; `@server`
 * (every tool of that MCP server), `@server/tool` and `*` are MCP auto-approval.
 */
function agentAllowedTools(root: TreeNode): SettingHit[] {
  const list = getChild(root, 'allowedTools');
  if (list?.type !== 'array') return [];
  return list.items.flatMap((item, i): SettingHit[] => {
    if (item.type !== 'string' || !/^(?:@|\*$)/.test(item.value)) return [];
    const what = item.value === '*' ? 'every tool' : item.value.includes('/') ? `MCP tool ${item.value}` : `every tool of MCP server ${item.value}`;
    return [{ ruleId: 'auto-approve', path: ['allowedTools', i], node: item, detail: `"allowedTools" runs ${what} without asking` }];
  });
}

function claudeSettings(root: TreeNode, file: string): SettingHit[] {
  // settings.local.json is the per-user file Claude Code keeps out of git; settings.json is shared.
  if (/settings\.local\.json$/.test(file)) return [];
  const flag = getChild(root, 'enableAllProjectMcpServers');
  return flag?.type === 'scalar' && flag.value === true ? [{ ruleId: 'claude-enable-all-project-servers', path: ['enableAllProjectMcpServers'], node: flag }] : [];
}

const SECRET_INPUT = /key|token|secret|password|passwd|pat\b|credential|auth/i;

function vscodeInputs(root: TreeNode, detected: DetectedClient): SettingHit[] {
  const base = detected.serverPath.slice(0, -1);
  const inputs = getPath(root, [...base, 'inputs']);
  if (inputs?.type !== 'array') return [];
  return inputs.items.flatMap((input, i): SettingHit[] => {
    const type = getChild(input, 'type');
    if (type?.type !== 'string' || type.value !== 'promptString') return [];
    const password = getChild(input, 'password');
    if (password?.type === 'scalar' && password.value === true) return [];
    const id = getChild(input, 'id');
    const description = getChild(input, 'description');
    const text = `${id?.type === 'string' ? id.value : ''} ${description?.type === 'string' ? description.value : ''}`;
    if (!SECRET_INPUT.test(text)) return [];
    return [{ ruleId: 'input-without-password', path: [...base, 'inputs', i], node: id ?? input }];
  });
}

function serverSettings(server: ObjectNode, path: Array<string | number>): SettingHit[] {
  const hits: SettingHit[] = [];
  const trust = getChild(server, 'trust');
  if (trust?.type === 'scalar' && trust.value === true) hits.push({ ruleId: 'gemini-trust', path: [...path, 'trust'], node: trust });
  for (const key of ['alwaysAllow', 'autoApprove']) {
    const list = getChild(server, key);
    const approves = (list?.type === 'array' && list.items.length > 0) || (list?.type === 'scalar' && list.value === true);
    if (list && approves) hits.push({ ruleId: 'auto-approve', path: [...path, key], node: list, detail: `"${key}" runs tools without asking` });
  }
  return hits;
}

const RUNNERS = /^(?:npx|bunx|pnpx)(?:\.cmd)?$/;

/** `npx -y pkg@latest` and unversioned packages run whatever was published last (hygiene), and mcp-remote below 0.1.16 has CVE-2025-6514. */
function packagePinning(server: ObjectNode, path: Array<string | number>): SettingHit[] {
  const command = getChild(server, 'command') ?? getChild(server, 'cmd');
  const args = getChild(server, 'args');
  const argv = [command, ...(args?.type === 'array' ? args.items : [])];
  // Cursor-style one-string commands ("npx -y mcp-remote@0.1.10 https://…") hold their args inline.
  if (command?.type === 'string' && /\s/.test(command.value.trim())) return inlineCommand(command, [...path, 'command']);
  const hits: SettingHit[] = [];
  const runner = command?.type === 'string' && RUNNERS.test(command.value.split('/').pop() ?? '');
  let packageSeen = false;
  argv.forEach((node, i) => {
    if (node?.type !== 'string' || i === 0) return;
    const value = node.value;
    const nodePath = [...path, 'args', i - 1];
    const remote = /^mcp-remote@(\d+)\.(\d+)\.(\d+)/.exec(value);
    if (remote && isBelow(remote.slice(1).map(Number), [0, 1, 16])) hits.push({ ruleId: 'mcp-remote-vulnerable', path: nodePath, node });
    if (!runner || packageSeen || value.startsWith('-')) return;
    packageSeen = true;
    const versioned = /^(?:@[^/]+\/)?[^@]+@(?!latest$)[\w.^~-]+$/.test(value);
    if (!versioned) hits.push({ ruleId: 'unpinned-server', path: nodePath, node, detail: `"${value}" is not pinned to a version` });
  });
  return hits;
}

function inlineCommand(command: StringNode, path: Array<string | number>): SettingHit[] {
  const words = command.value.trim().split(/\s+/);
  const nodes = words.map((word): StringNode => ({ type: 'string', offset: command.offset + Math.max(0, command.value.indexOf(word)), value: word, exact: command.exact }));
  const [head, ...rest] = nodes;
  if (!head) return [];
  const fake: ObjectNode = { type: 'object', offset: command.offset, entries: [{ key: 'command', keyOffset: command.offset, value: head }, { key: 'args', keyOffset: command.offset, value: { type: 'array', offset: command.offset, items: rest } }] };
  return packagePinning(fake, []).map((hit) => ({ ...hit, path }));
}

function isBelow(version: number[], limit: number[]): boolean {
  for (let i = 0; i < limit.length; i += 1) {
    if ((version[i] ?? 0) !== (limit[i] ?? 0)) return (version[i] ?? 0) < (limit[i] ?? 0);
  }
  return false;
}
