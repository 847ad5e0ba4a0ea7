/**
 * A minimal headless "browser" for the consent driver: fetch with redirect: 'manual' and a per-instance cookie
 * jar. oidc-provider keeps the interaction in signed cookies (_interaction, _interaction_resume, _session and
 * their .sig), so every hop must carry them. Path and expiry attributes are ignored on purpose: sending all
 * cookies of the one origin is harmless for oidc-provider (dependency-notes 4.1).
 */
export class CookieBrowser {
  readonly #jar = new Map<string, string>();

  async get(url: URL | string): Promise<Response> {
    return this.#send(url, { method: 'GET' });
  }

  async postForm(url: URL | string, fields: Record<string, string>): Promise<Response> {
    return this.#send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  async #send(url: URL | string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.#jar.size > 0) headers.set('cookie', this.#cookieHeader());
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.#store(res.headers.getSetCookie());
    return res;
  }

  #cookieHeader(): string {
    return [...this.#jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  #store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      // oidc-provider clears a cookie by setting it empty with an expiry in the past.
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.#jar.delete(name);
      else this.#jar.set(name, value);
    }
  }
}
