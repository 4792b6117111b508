import type { ServiceRuntime } from '@denpyo/platform';
import { PORTAL_DEFAULTS, upstreamUrls, type PortalEnv } from '../config';
import { UPSTREAM_SERVICES, type UpstreamService } from '../domain/routes';

const CHECK_TIMEOUT_MS = 2_000;

/** Failures of a connection that was never made: the instance received nothing of the request. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);

/** Whether `error` (http's, or fetch's with its cause) says no connection was made. */
export function neverConnected(error: unknown): boolean {
  const codeOf = (value: unknown) => (value as { code?: unknown } | undefined)?.code;
  const code = codeOf(error) ?? codeOf((error as { cause?: unknown } | undefined)?.cause);
  return typeof code === 'string' && NOT_CONNECTED.has(code);
}

/**
 * The instances of one service behind the portal (CONTRACT_URL etc., comma-separated), taken in
 * turn among the healthy ones. An instance is skipped from the moment it refuses a connection
 * or its /ready answers anything but 200, until its /ready answers 200 again (asked every
 * UPSTREAM_CHECK_INTERVAL_MS when there are several). With none healthy, all are tried, so the
 * caller gets the real answer rather than a guess.
 */
export class UpstreamInstances {
  private readonly down = new Set<string>();
  private turn = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly urls: readonly string[]) {
    if (urls.length === 0) throw new Error('A service needs at least one instance');
  }

  /** The next instance to send a request to, none of `tried`; undefined once all were tried. */
  next(tried: ReadonlySet<string> = new Set()): string | undefined {
    const untried = this.urls.filter((url) => !tried.has(url));
    const healthy = untried.filter((url) => !this.down.has(url));
    const candidates = healthy.length > 0 ? healthy : untried;
    if (candidates.length === 0) return undefined;
    this.turn = (this.turn + 1) % 1_000_000;
    return candidates[this.turn % candidates.length];
  }

  /** Whether an instance not in `tried` is left. */
  hasUntried(tried: ReadonlySet<string>): boolean {
    return this.urls.some((url) => !tried.has(url));
  }

  /** Skips `url` until its /ready answers 200 again (a lone instance is never skipped). */
  markDown(url: string): void {
    if (this.urls.length > 1) this.down.add(url);
  }

  /** Asks every instance's /ready now and keeps the answers; true when one is ready. */
  async check(timeoutMs = CHECK_TIMEOUT_MS): Promise<boolean> {
    const ready = await Promise.all(this.urls.map((url) => isReady(url, timeoutMs)));
    this.urls.forEach((url, i) => (ready[i] ? this.down.delete(url) : this.markDown(url)));
    return ready.some(Boolean);
  }

  /**
   * GET-like requests of the portal itself (a vendor lookup, an audit verification): sent to
   * the instances in turn, and to the next one when one could not be connected to.
   */
  async fetch(path: string, init: RequestInit): Promise<Response> {
    const tried = new Set<string>();
    for (;;) {
      // Defined: the loop ends before every instance has been tried.
      const url = this.next(tried) as string;
      tried.add(url);
      try {
        return await fetch(new URL(path, url), init);
      } catch (error) {
        if (!neverConnected(error)) throw error;
        this.markDown(url);
        if (!this.hasUntried(tried)) throw error;
      }
    }
  }

  /** Checks the instances now and every `intervalMs` after, while there is more than one. */
  watch(intervalMs: number): void {
    if (this.urls.length < 2 || this.timer) return;
    void this.check();
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

export type Upstreams = Readonly<Record<UpstreamService, UpstreamInstances>>;

const ofRuntime = new WeakMap<ServiceRuntime<PortalEnv>, Upstreams>();

/**
 * The portal's one set of instances per service, shared by the gateway, /ready and the portal's
 * own calls, watched from the first use until the portal stops.
 */
export function upstreamsOf(runtime: ServiceRuntime<PortalEnv>): Upstreams {
  const known = ofRuntime.get(runtime);
  if (known) return known;
  const urls = upstreamUrls(runtime.env);
  const upstreams = Object.fromEntries(
    UPSTREAM_SERVICES.map((service) => [service, new UpstreamInstances(urls[service])]),
  ) as Record<UpstreamService, UpstreamInstances>;
  const interval =
    runtime.env.UPSTREAM_CHECK_INTERVAL_MS ?? PORTAL_DEFAULTS.UPSTREAM_CHECK_INTERVAL_MS;
  for (const instances of Object.values(upstreams)) instances.watch(interval);
  runtime.onStop(async () => {
    for (const instances of Object.values(upstreams)) instances.stop();
  });
  ofRuntime.set(runtime, upstreams);
  return upstreams;
}

async function isReady(baseUrl: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(new URL('/ready', baseUrl), {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
