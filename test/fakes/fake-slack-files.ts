/**
 * Slack's external upload flow, as the fake Slack serves it (what Bolt's `client.filesUploadV2`
 * calls; files.upload is deprecated): files.getUploadURLExternal {filename, length} answers an
 * `upload_url` on the fake's own port and a file id; a POST of the bytes to that URL (raw, or
 * multipart/form-data as @slack/web-api sends them) answers 200 `OK - <length>`; then
 * files.completeUploadExternal {files: '[{"id","title"}]', channel_id?, initial_comment?} shares
 * the files into the channel as one message carrying them, or keeps them private without a
 * channel. Errors as Slack names them: `invalid_arguments` for a missing filename or length or
 * malformed files, `file_not_found` for an id never issued (or never uploaded to), and the
 * channel's own errors (`channel_not_found`, `not_in_channel`).
 */
export interface FakeSlackFile {
  id: string;
  name: string;
  title: string;
  /** The length announced in getUploadURLExternal. */
  length: number;
  content?: Buffer;
  channels: string[];
}

type Params = Record<string, unknown>;
type Answer = { status?: number; body: unknown };
const ok = (body: Params): Answer => ({ body: { ok: true, ...body } });
const err = (error: string): Answer => ({ body: { ok: false, error } });

export function createFileUploads(uploadBase: () => string) {
  const files = new Map<string, FakeSlackFile>();
  let next = 1;
  return {
    files,
    getUploadUrl(p: Params): Answer {
      const name = typeof p.filename === 'string' ? p.filename : '';
      const length = Number(p.length);
      if (!name || !Number.isInteger(length) || length < 0) return err('invalid_arguments');
      const id = `F0${String(next++).padStart(9, '0')}`;
      files.set(id, { id, name, title: name, length, channels: [] });
      return ok({ upload_url: `${uploadBase()}/upload/v1/${id}`, file_id: id });
    },
    /** The POST to an upload_url: the file's bytes, raw or as the one file part of a multipart form. */
    async receive(id: string, contentType: string, raw: Buffer): Promise<Answer> {
      const file = files.get(id);
      if (!file) return { status: 404, body: 'Not Found' };
      let bytes = raw;
      if (contentType.startsWith('multipart/form-data')) {
        const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
        const part = [...form.values()].find((v) => typeof v !== 'string');
        if (!part || typeof part === 'string') return { status: 400, body: 'no file in the form' };
        bytes = Buffer.from(await part.arrayBuffer());
      }
      file.content = bytes;
      return { body: `OK - ${bytes.length}` };
    },
    /** files.completeUploadExternal; `share` posts the message that carries the files into a channel (or answers its error). */
    complete(p: Params, share: (channel: string, text: string, shared: FakeSlackFile[]) => string | undefined): Answer {
      let list: { id?: unknown; title?: unknown }[];
      try {
        list = JSON.parse(String(p.files ?? '')) as { id?: unknown; title?: unknown }[];
      } catch {
        return err('invalid_arguments');
      }
      if (!Array.isArray(list) || list.length === 0) return err('invalid_arguments');
      const found = list.map((f) => ({ file: files.get(String(f.id)), title: f.title }));
      if (found.some((f) => !f.file?.content)) return err('file_not_found');
      for (const f of found) if (typeof f.title === 'string' && f.title) f.file!.title = f.title;
      const shared = found.map((f) => f.file!);
      const channel = typeof p.channel_id === 'string' && p.channel_id ? p.channel_id : undefined;
      if (channel) {
        const refused = share(channel, typeof p.initial_comment === 'string' ? p.initial_comment : '', shared);
        if (refused) return err(refused);
        for (const f of shared) f.channels.push(channel);
      }
      return ok({ files: shared.map((f) => ({ id: f.id, title: f.title, name: f.name, size: f.content!.length })) });
    },
  };
}
