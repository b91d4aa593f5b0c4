/**
 * Files an answer carries (a reading-list export), uploaded into the asker's direct messages with
 * the bot: Slack's `respond()` (response_url) cannot carry a file, and a file shared into the
 * channel would show everyone a personal list. Bolt's `client.filesUploadV2` runs Slack's upload
 * flow (files.getUploadURLExternal, the upload itself, files.completeUploadExternal); the
 * deprecated files.upload is not used. Needs the `files:write` and `im:write` scopes.
 */
import type { App } from '@slack/bolt';
import type { AnswerFile } from '../../core/commands.js';

/** Uploads `files` into the DM with `userId`, `comment` as the message they come with. */
export type UploadFiles = (userId: string, files: AnswerFile[], comment: string) => Promise<void>;

/** Slack's limit for one uploaded file (1 GB), and how many files one completeUploadExternal shares. */
export const SLACK_UPLOAD = { maxBytes: 1_000_000_000, maxFiles: 10 } as const;

export function createDmUploader(client: App['client']): UploadFiles {
  return async (userId, files, comment) => {
    const opened = await client.conversations.open({ users: userId });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('conversations.open gave no channel');
    await client.filesUploadV2({
      channel_id: channel,
      initial_comment: comment,
      file_uploads: files.map((f) => ({ file: Buffer.from(f.content, 'utf8'), filename: f.name, title: f.name })),
    });
  };
}
