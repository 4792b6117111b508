import { addCalendarDays, isBankBusinessDay, japanToday } from '@denpyo/jp';
import { waitFor } from '@denpyo/platform/testing';
import { baseUrl } from './browser';

// Seeding for the screen checks only: the flow test does everything through the browser.

export type Json = Record<string, unknown>;

/** A demo user's bearer session against the portal (the way API clients call Denpyo). */
export class ApiUser {
  private constructor(private readonly token: string) {}

  static async signIn(username: string, password = 'demo'): Promise<ApiUser> {
    // The portal hashes a few passwords per client at a time and answers the rest 429 with
    // Retry-After, as it should under a burst of sign-ins; a seed that signs several people in at
    // once waits and tries again, as any client should.
    let response: Response;
    for (let attempt = 1; ; attempt++) {
      response = await fetch(`${baseUrl()}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (response.status !== 429 || attempt === 10) break;
      const seconds = Number(response.headers.get('retry-after') ?? 1) || 1;
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
    if (!response.ok) throw new Error(`login ${username} → ${response.status}`);
    return new ApiUser(((await response.json()) as { token: string }).token);
  }

  /**
   * The first sign-in of a user someone else created with `given`: the portal lets them do
   * nothing before they choose their own password, so it is changed to `own` at once.
   */
  static async signInFirstTime(username: string, given: string, own: string): Promise<ApiUser> {
    const user = await ApiUser.signIn(username, given);
    await user.call('POST', '/api/auth/password', { currentPassword: given, newPassword: own });
    return user;
  }

  async request(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${baseUrl()}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async call<T = Json>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.request(method, path, body);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Retries a POST until it is accepted: events take a moment to reach the next service. */
  async postWhenReady<T = Json>(path: string, body?: unknown): Promise<T> {
    return waitFor(
      async () => {
        const response = await this.request('POST', path, body);
        return response.ok ? ((await response.json()) as T) : undefined;
      },
      20_000,
      `POST ${path} to be accepted`,
    );
  }
}

/** The system's date: the one the global setup pinned (DENPYO_TODAY), else Japan's today. */
export const today = (): string => process.env.DENPYO_BROWSER_TODAY ?? japanToday();

/** The first bank business day after `date` (a transfer date must be one, and not in the past). */
export function nextBankBusinessDay(date = today()): string {
  let day = addCalendarDays(date, 1);
  while (!isBankBusinessDay(day)) day = addCalendarDays(day, 1);
  return day;
}

/** The fiscal year (April to March) that contains `date`. */
export function fiscalYearOf(date = today()): number {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return month >= 4 ? year : year - 1;
}
