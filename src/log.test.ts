import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log.js';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk.toString('utf8'));
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => chunks.join('') };
}

describe('createLogger', () => {
  it('writes JSON lines when the destination is not a terminal', () => {
    const out = capture(false);
    createLogger('info', { destination: out.stream }).warn({ source: 'hf-daily' }, 'source ingest failed');
    const line = JSON.parse(out.text().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 40, app: 'paperboy', source: 'hf-daily', msg: 'source ingest failed' });
  });

  it('writes human-readable lines on a terminal, at once', () => {
    const out = capture(true);
    createLogger('info', { destination: out.stream }).warn({ source: 'hf-daily' }, 'source ingest failed');
    const raw = out.text();
    expect(raw).toContain('\u001b['); // coloured on a terminal
    const text = raw.split('\u001b[').map((part, i) => (i === 0 ? part : part.replace(/^\d+m/, ''))).join('');
    expect(text).toMatch(/WARN: source ingest failed/);
    expect(text).toContain('source: "hf-daily"');
    expect(() => JSON.parse(text)).toThrow();
  });

  it('lets LOG_FORMAT override the terminal check either way', () => {
    const json = capture(true);
    createLogger('info', { destination: json.stream, format: 'json' }).info('x');
    expect(JSON.parse(json.text())).toMatchObject({ msg: 'x' });
    const pretty = capture(false);
    createLogger('info', { destination: pretty.stream, format: 'pretty' }).info('y');
    expect(pretty.text()).toMatch(/INFO.*y/);
    expect(pretty.text()).not.toContain('\u001b['); // no colours off a terminal
  });
});
