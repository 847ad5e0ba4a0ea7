declare const __MCPAUTH_VERSION__: string;

// Replaced at build time by tsup (and by vitest's define in tests).
export const VERSION: string = __MCPAUTH_VERSION__;
export const USER_AGENT = `mcpauth/${VERSION}`;
