// Events take a moment to cross services, so tests wait for their effects — with a deadline.

/** Retries `assertion` until it stops throwing; after `timeoutMs`, throws its last error. */
export async function eventually<T>(assertion: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await pause(50);
    }
  }
}

/** Polls `probe` until it returns a value (not undefined or false); `what` names it in the error. */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
  what = 'the condition',
): Promise<T> {
  return eventually(async () => {
    const value = await probe();
    if (value === undefined || value === false) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    return value;
  }, timeoutMs);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
