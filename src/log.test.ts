import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createFailureLog, createLogger } from './log.js';

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

describe('createFailureLog', () => {
  it('logs a lasting failure once with its stack, repeats at debug, a new message again, and the recovery once', () => {
    const out = capture(false);
    const log = createLogger('debug', { destination: out.stream });
    const failures = createFailureLog(log);
    const boom = new Error('database is locked');
    for (let i = 0; i < 3; i++) failures.failed('tick', { job: 'digests' }, boom, 'digest tick failed');
    failures.failed('tick', { job: 'digests' }, new Error('disk I/O error'), 'digest tick failed');
    failures.succeeded('tick', { job: 'digests' }, 'digest tick recovered');
    failures.succeeded('tick', { job: 'digests' }, 'digest tick recovered');
    const lines = out.text().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown> & { err: unknown });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [50, 'digest tick failed'],
      [20, 'digest tick failed (again)'],
      [20, 'digest tick failed (again)'],
      [50, 'digest tick failed'],
      [30, 'digest tick recovered'],
    ]);
    expect(lines[0]!.err).toMatchObject({ message: 'database is locked', stack: expect.stringContaining('Error: database is locked') });
    expect(lines[1]).toMatchObject({ job: 'digests', err: 'database is locked', repeats: 1 });
    expect(lines[3]!.err).toMatchObject({ message: 'disk I/O error' });
    expect(lines[4]).toMatchObject({ job: 'digests', repeats: 0 });
  });
});
