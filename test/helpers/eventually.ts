/**
 * Waits for something the bot does asynchronously: polls `get` until it gives a value (anything
 * but `undefined` or `false`) and resolves with it. Fails naming `what` after `ms`, which is
 * generous on purpose (a loaded CI machine can be slow; no test depends on how long it took) yet
 * inside the 30 s test timeout, so a failure says what never came.
 */
export async function eventually<T>(get: () => T | undefined | false | Promise<T | undefined | false>, what = 'the bot', ms = 20_000): Promise<T> {
  for (const end = Date.now() + ms; ; await new Promise((resolve) => setTimeout(resolve, 10))) {
    const value = await get();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
  }
}
