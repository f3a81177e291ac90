// A minimal browser for HTTP-level tests: a cookie jar (with paths) and redirects followed one by one.
export interface Cookie {
  value: string;
  path: string;
}

export class UserAgent {
  private readonly jar = new Map<string, Map<string, Cookie>>();
  readonly visited: string[] = [];

  /** The cookies held for `host` (name to value and path), as a test inspects them. */
  cookiesFor(host: string): ReadonlyMap<string, Cookie> {
    return this.jar.get(host) ?? new Map();
  }

  private cookieHeader(url: URL): string | undefined {
    const cookies = this.jar.get(url.host);
    if (!cookies) return undefined;
    const pairs = [...cookies.entries()].filter(
      ([, c]) =>
        url.pathname === c.path ||
        url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) ||
        c.path === '/',
    );
    return pairs.length ? pairs.map(([name, c]) => `${name}=${c.value}`).join('; ') : undefined;
  }

  private store(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const pathAttr = attributes.find((a) => a.toLowerCase().startsWith('path='));
      const expired = attributes.some(
        (a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()),
      );
      const cookies = this.jar.get(url.host) ?? new Map<string, Cookie>();
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, { value, path: pathAttr ? pathAttr.slice(5) : '/' });
      this.jar.set(url.host, cookies);
    }
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(target);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    this.store(target, response);
    this.visited.push(target.href);
    return response;
  }

  /** Follows redirects from `url` until one points at a URL `stop` accepts (returned unvisited) or a page answers. */
  async follow(
    url: string,
    stop: (next: string) => boolean = () => false,
  ): Promise<{ url: string; response?: Response }> {
    let current = url;
    for (let hops = 0; hops < 20; hops++) {
      if (stop(current)) return { url: current };
      const response = await this.request(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      await response.arrayBuffer();
      current = new URL(location, current).href;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
