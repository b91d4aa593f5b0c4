import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log.js';
import { startHttpListener } from './http-listener.js';

describe('http listener', () => {
  it('says which setting to change when its port is taken', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as AddressInfo).port;
    try {
      await expect(
        startHttpListener({ port, host: '127.0.0.1', health: () => { throw new Error('unused'); }, metrics: { contentType: 'text/plain', render: async () => '' }, log: silentLogger() }),
      ).rejects.toThrow(`cannot listen on 127.0.0.1:${port} for /healthz and /metrics (config http.port, http.host): the port is in use`);
    } finally {
      other.close();
    }
  });
});
