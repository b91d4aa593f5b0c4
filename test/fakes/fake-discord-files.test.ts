/** The fake Discord reads multipart/form-data as Discord does: `payload_json` checked like a JSON body, `files[n]` kept, refusals in Discord's words. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord({ attachmentSizeLimit: 1000 });
});
afterAll(async () => {
  await fake.close();
});

function form(payload: unknown, files: [number, string][]): FormData {
  const f = new FormData();
  for (const [i, content] of files) f.append(`files[${i}]`, new Blob([content], { type: 'text/plain' }), `part${i}.txt`);
  f.append('payload_json', typeof payload === 'string' ? payload : JSON.stringify(payload));
  return f;
}
const callback = (token: string, body: FormData) => fetch(`${fake.apiUrl}/v10/interactions/1300000000000000001/${token}/callback`, { method: 'POST', body });

describe('files sent to the fake Discord', () => {
  it('keeps the files of an interaction response whose payload_json is valid', async () => {
    const r = await callback('ok', form({ type: 4, data: { content: 'here', flags: 64, attachments: [{ id: '0' }] } }, [[0, 'hello']]));
    expect(r.status).toBe(204);
    const seen = fake.interactionCallbacks.find((c) => c.token === 'ok')!;
    expect(seen.body).toMatchObject({ type: 4, data: { content: 'here' } });
    expect(seen.files?.map((f) => [f.index, f.name, f.content.toString()])).toEqual([[0, 'part0.txt', 'hello']]);
    expect(fake.validationErrors).toEqual([]);
  });

  it('refuses a file over the upload limit (413 40005), an attachment with no file part (50035) and a payload_json that is not JSON (50109)', async () => {
    const big = await callback('big', form({ type: 4, data: { content: 'x', attachments: [{ id: '0' }] } }, [[0, 'x'.repeat(1001)]]));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ message: 'Request entity too large', code: 40005 });
    const missing = await callback('missing', form({ type: 4, data: { content: 'x', attachments: [{ id: '1' }] } }, [[0, 'x']]));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 50035, errors: { data: { attachments: { 0: { id: { _errors: [{ code: 'ATTACHMENT_NOT_FOUND' }] } } } } } });
    const broken = await callback('broken', form('{not json', []));
    expect(await broken.json()).toMatchObject({ code: 50109 });
    fake.validationErrors.splice(0);
  });

  it('checks payload_json against the spec like a JSON body', async () => {
    const r = await callback('bad', form({ type: 4, data: { content: 'x'.repeat(2001) } }, []));
    expect(r.status).toBe(400);
    expect(fake.validationErrors.splice(0)).toHaveLength(1);
  });
});
