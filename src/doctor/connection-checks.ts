/**
 * The chat connections as the running bot recorded them (doctor itself never connects a
 * Socket Mode client or a gateway: a second connection would take commands from the bot's).
 */
import { describeRecorded, type RecordedConnection } from '../core/connection-state.js';
import { ok, warn, type Check } from './check.js';

/** One line per recorded platform: ok when connected, or when no bot runs and it stopped cleanly; warn otherwise. */
export function connectionChecks(recorded: RecordedConnection[], now: Date): Check[] {
  return recorded.map((r) => {
    const name = `${r.platform} connection`;
    const { live, text } = describeRecorded(r, now);
    if (live && r.state !== 'connected') return warn(name, `${text}; the bot keeps reconnecting by itself: check the network and the platform's status page`);
    if (!live && r.state !== 'disconnected') return warn(name, text);
    return ok(name, text);
  });
}
