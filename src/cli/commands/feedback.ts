/** `paperboy feedback --channel ID PAPER up|down|undo`: a vote from a script, as a click would record it. */
import { keyForLookup } from '../../core/paper-key.js';
import { createFeedbackStore } from '../../db/feedback-store.js';
import { parseCommandArgs } from '../args.js';
import { withStores } from '../context.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { profileTarget } from '../profile-target.js';

export const FEEDBACK_USAGE = 'paperboy feedback (--channel ID | --user PLATFORM:ID --workspace ID) PAPER up|down|undo [--json] [--db FILE]';

const VALUES = { up: 1, down: -1, undo: 0 } as const;

export async function feedbackCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { channel: { type: 'string' }, user: { type: 'string' }, workspace: { type: 'string' } });
  const [paper, vote] = positionals;
  if (positionals.length !== 2 || !paper || !vote || !(vote in VALUES)) throw new UsageError('feedback takes PAPER and one of up, down, undo');
  const key = keyForLookup(paper);
  if (!key) throw new UsageError(`"${paper}" is neither an arXiv id nor a URL`);
  return withStores(io, values.db, (stores) => {
    const target = profileTarget(values, io, stores);
    const found = stores.reader.getByKey(key);
    if (!found) {
      io.err(`paperboy: no paper ${key} in the store (ingest a source that has it first)`);
      return EXIT.failed;
    }
    const value = VALUES[vote as keyof typeof VALUES];
    const where = target.kind === 'channel' ? { platform: target.platform, workspace: '', channel: target.channel, actor: 'cli' } : { platform: target.platform, workspace: target.workspace, channel: '', actor: target.user };
    createFeedbackStore(stores.db).record({ ...where, platform: where.platform as 'discord' | 'slack', paperId: found.id, value, origin: 'cli', at: new Date().toISOString() });
    io.out(values.json ? JSON.stringify({ paper: found.key, value }) : `${vote} recorded for ${found.key}`);
    return EXIT.ok;
  });
}
