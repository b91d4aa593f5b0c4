import { createChatClients } from '../../chat-clients.js';
import { channelSpecs, buildDigestRunner, buildIngestRunner, sourceSpecs } from '../../main.js';
import { localDate } from '../../core/zoned-time.js';
import { createLogger } from '../../log.js';
import { parseCommandArgs } from '../args.js';
import { configOf, envOf, withStores } from '../context.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { parseDate } from './digest.js';

export const POST_USAGE = 'paperboy post --channel ID [--date YYYY-MM-DD] [--no-ingest] [--db FILE]';

/**
 * Posts a channel's digest now (for operators and for testing a config): ingest first, then
 * plan and send today's digest (or --date's), unless that date's digest was already sent.
 */
export async function postCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { channel: { type: 'string' }, date: { type: 'string' }, 'no-ingest': { type: 'boolean' } }, false);
  if (!values.channel) throw new UsageError('post needs --channel ID (a channel from the config)');
  const date = parseDate(values.date);
  const env = envOf(io);
  const config = configOf(io);
  if (!channelSpecs(config).some((c) => c.channel === values.channel)) throw new UsageError(`no channel "${values.channel}" in ${env.PAPERBOY_CONFIG}`);
  const log = createLogger(env.LOG_LEVEL, { format: env.LOG_FORMAT });
  return withStores(io, values.db, async (stores) => {
    stores.channels.syncFromConfig(channelSpecs(config), new Date().toISOString());
    const channel = stores.channels.find(values.channel!)!;
    const chat = createChatClients(env, log, { connect: false, write: io.out });
    try {
      const ingest = async () => {
        if (!values['no-ingest']) await buildIngestRunner(stores, config, log).run(sourceSpecs(config));
      };
      const runner = buildDigestRunner({ stores, config, chat, log, ingest });
      await ingest();
      const now = new Date();
      const outcome = await runner.postNow(channel, { date: date ?? localDate(now, channel.timezone), at: now });
      const digest = stores.digests.get(channel.id, date ?? localDate(now, channel.timezone));
      const failing = stores.channels.get(channel.id)?.failingReason;
      if (outcome === 'sent') {
        io.err(`paperboy: digest ${digest?.local_date} for ${channel.platform}:${channel.channel}: ${digest?.state === 'empty' ? 'nothing to post' : 'sent'} (${digest?.paper_count ?? 0} papers)`);
        return EXIT.ok;
      }
      io.err(`paperboy: digest for ${channel.platform}:${channel.channel} ${outcome}${failing ? `: channel failing (${failing})` : digest?.error ? `: ${digest.error}` : ''}`);
      return EXIT.failed;
    } finally {
      await chat.stop();
    }
  });
}
