import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from './migrate.js';
import { openDatabase } from './open-database.js';
import { createSourceFactsStore } from './source-facts-store.js';

describe('source facts store', () => {
  it('keeps the last format and URL of a source, and its title until a run finds a new one', () => {
    const facts = createSourceFactsStore(openDatabase(':memory:'));
    expect(facts.get('lab')).toBeUndefined();
    facts.record({ source: 'lab', format: 'rss', url: 'https://lab.example/feed', title: ' Example Lab ', at: '2024-10-30T00:00:00Z' });
    expect(facts.get('lab')).toEqual({ format: 'rss', url: 'https://lab.example/feed', title: 'Example Lab' });
    facts.record({ source: 'lab', format: 'rss', url: 'https://lab.example/rss', at: '2024-10-31T00:00:00Z' });
    expect(facts.get('lab')).toEqual({ format: 'rss', url: 'https://lab.example/rss', title: 'Example Lab' });
    facts.record({ source: './digests', format: 'ko-digest', at: '2024-10-31T00:00:00Z' });
    expect(facts.get('./digests')).toEqual({ format: 'ko-digest' });
  });

  it('gives sources ingested before the table existed their format from their status', () => {
    const db = new Database(':memory:');
    const migrations = loadMigrations();
    const at = migrations.findIndex((m) => m.name.endsWith('-source-facts.sql'));
    migrate(db, migrations.slice(0, at));
    db.prepare(`INSERT INTO source_status (source, format, last_run_at, errors) VALUES ('/home/me/ko', 'ko-digest', '2024-10-30T00:00:00Z', '[]'), ('broken', NULL, '2024-10-30T00:00:00Z', '[]')`).run();
    migrate(db, migrations);
    const facts = createSourceFactsStore(db);
    expect(facts.get('/home/me/ko')).toEqual({ format: 'ko-digest' });
    expect(facts.get('broken')).toBeUndefined();
  });
});
