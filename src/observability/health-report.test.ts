import { describe, expect, it } from 'vitest';
import type { HealthStore } from '../db/health-store.js';
import { healthReport } from './health-report.js';

const healthy = {
  checkWritable: () => ({ ok: true as const }),
  lastIngestSuccess: () => '2026-12-08T09:00:00.000Z',
  outboxDepth: () => [],
} satisfies HealthStore;

const inputs = {
  ready: () => true,
  health: healthy,
  connections: () => ({ discord: true }),
  sources: 1,
  maxIngestAgeMs: 6 * 3_600_000,
  startedAt: new Date('2026-12-08T08:00:00Z'),
  now: () => new Date('2026-12-08T10:00:00Z'),
};

describe('health report', () => {
  it('is unhealthy while a digest is held for failed sources, naming it', () => {
    expect(healthReport(inputs)).toMatchObject({ status: 'ok', problems: [] });
    const held = 'digest 2026-12-08 for discord:123456789012345678 held: sources failed: arxiv';
    expect(healthReport({ ...inputs, heldDigests: () => [held] })).toMatchObject({ status: 'unhealthy', problems: [held] });
  });
});
