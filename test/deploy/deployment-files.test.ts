/**
 * The deployment files agree with the code they deploy: paths that exist, variables Paperboy
 * reads, the exit code that means "configuration error", a non-root user and a data volume.
 * (No Docker engine runs here, so the image itself is not built by the tests; see README.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/io.js';
import { ENV_DEFAULTS, parseConfig } from '../../src/config.js';

const root = new URL('../../', import.meta.url).pathname;
const read = (rel: string) => readFileSync(root + rel, 'utf8');

/** Dockerfile instructions (continuation lines joined), by stage. */
function stages(text: string): { from: string; lines: string[] }[] {
  const joined = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const out: { from: string; lines: string[] }[] = [];
  for (const line of joined) {
    if (/^FROM /i.test(line)) out.push({ from: line, lines: [] });
    else out.at(-1)?.lines.push(line);
  }
  return out;
}

describe('Dockerfile', () => {
  const all = stages(read('Dockerfile'));
  const runtime = all.at(-1)!;

  it('is multi-stage, and the runtime stage runs as a non-root user', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    const user = runtime.lines.filter((l) => l.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
  });

  it('copies only paths that exist, installs from the lockfile without dev dependencies', () => {
    for (const stage of all) {
      for (const line of stage.lines.filter((l) => l.startsWith('COPY ') && !l.includes('--from='))) {
        const parts = line.split(/\s+/).slice(1);
        for (const src of parts.slice(0, -1)) expect(existsSync(root + src), `${src} in "${line}"`).toBe(true);
      }
    }
    expect(all.flatMap((s) => s.lines).some((l) => /npm ci --omit=dev/.test(l))).toBe(true);
  });

  it('keeps the database on a volume and sets only variables Paperboy reads', () => {
    const env = Object.fromEntries(
      runtime.lines
        .filter((l) => l.startsWith('ENV '))
        .flatMap((l) => [...l.slice(4).matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])),
    );
    for (const name of Object.keys(env).filter((n) => n !== 'NODE_ENV')) expect(Object.keys(ENV_DEFAULTS)).toContain(name);
    const volume = runtime.lines.find((l) => l.startsWith('VOLUME '));
    const dir = JSON.parse(volume!.slice(7)) as string[];
    expect(env.PAPERBOY_DB?.startsWith(`${dir[0]}/`)).toBe(true);
    expect(runtime.lines).toContain(`RUN mkdir -p ${dir[0]} && chown node:node ${dir[0]}`);
  });

  it('starts the bot through the bin the package declares', () => {
    const pkg = JSON.parse(read('package.json')) as { bin: Record<string, string> };
    expect(runtime.lines).toContain(`ENTRYPOINT ["node", "${pkg.bin.paperboy}"]`);
    expect(runtime.lines).toContain('CMD ["run"]');
  });

  it('leaves secrets, databases and installed modules out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const p of ['node_modules', '.env', 'data', '*.db']) expect(ignored).toContain(p);
  });
});

describe('systemd unit', () => {
  const unit = read('deploy/paperboy.service');
  const values = (key: string) => [...unit.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]!);

  it('runs `paperboy run`, stops with SIGTERM and does not restart on a configuration error', () => {
    expect(values('ExecStart')).toEqual(['/usr/bin/node /opt/paperboy/bin/paperboy.js run']);
    expect(values('KillSignal')).toEqual(['SIGTERM']);
    expect(values('RestartPreventExitStatus')).toEqual([String(EXIT.usage)]);
    expect(values('User')).not.toContain('root');
  });

  it('sets only variables Paperboy reads, with the database in its state directory', () => {
    const env = Object.fromEntries(values('Environment').map((v) => v.split('=') as [string, string]));
    for (const name of Object.keys(env).filter((n) => n !== 'NODE_ENV')) expect(Object.keys(ENV_DEFAULTS)).toContain(name);
    expect(env.PAPERBOY_DB).toBe(`/var/lib/${values('StateDirectory')[0]}/paperboy.db`);
  });

  it.skipIf(!existsSync('/usr/bin/systemd-analyze'))('passes systemd-analyze verify', () => {
    // verify exits 0 even for bad lines; what it prints is the verdict. Missing users and paths on this machine are not its business here.
    const r = spawnSync('systemd-analyze', ['verify', `${root}deploy/paperboy.service`], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('.env.example', () => {
  const lines = read('.env.example').split('\n').filter((l) => /^[A-Z_]+=/.test(l));
  const example = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

  it('lists every variable Paperboy reads, and no other', () => {
    expect(Object.keys(example).sort()).toEqual(Object.keys(ENV_DEFAULTS).sort());
  });

  it('shows each default (empty for the ones that are unset by default)', () => {
    for (const [name, value] of Object.entries(ENV_DEFAULTS)) expect(example[name], name).toBe(value === undefined ? '' : String(value));
  });
});

describe('config/paperboy.yaml', () => {
  it('parses as shipped, and with its commented-out sections switched on', () => {
    const text = read('config/paperboy.yaml');
    expect(() => parseConfig(text, 'config/paperboy.yaml')).not.toThrow();
    // "# key:" starts a commented section; its lines are "#   key: value".
    const on = text.replace(/^# (http|slack|retention):/gm, '$1:').replace(/^#( {3}\w+:)/gm, '$1');
    const config = parseConfig(on, 'uncommented');
    expect(config.http.port).toBe(9464);
    expect(config.retention.rawEntryDays).toBe(30);
    expect(config.slack.reconnectDelaySeconds).toBe(5);
  });
});
