/**
 * Discord's file uploads, as the fake Discord reads them: a request with files is
 * `multipart/form-data` whose `payload_json` part is the JSON body (checked against the OpenAPI
 * spec like any JSON body) and whose `files[n]` parts are the files; each `attachments[]` entry of
 * the body names its file by `id` = n. What Discord refuses: a `payload_json` that is not JSON
 * (50109), an attachment whose file part is missing (50035 on `attachments.N.id`), and a file over
 * the upload limit (413, 40005 "Request entity too large"). Parsing uses the platform's own
 * multipart reader (fetch's `Response.formData()`).
 */
import { formError, type Json } from './discord-form-errors.js';

export interface UploadedFile {
  /** The `n` of `files[n]`. */
  index: number;
  name: string;
  contentType: string;
  content: Buffer;
}

type Refusal = { status: number; body: Json };
export type MultipartResult = { body: unknown; files: UploadedFile[] } | { refused: Refusal };

const refuse = (status: number, code: number, message: string): { refused: Refusal } => ({ refused: { status, body: { message, code } } });

export async function readMultipart(contentType: string, raw: Buffer, maxFileBytes: number): Promise<MultipartResult> {
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return refuse(400, 50109, 'The request body contains invalid JSON.');
  }
  const files: UploadedFile[] = [];
  let body: unknown;
  for (const [key, value] of form.entries()) {
    if (key === 'payload_json' && typeof value === 'string') {
      try {
        body = JSON.parse(value);
      } catch {
        return refuse(400, 50109, 'The request body contains invalid JSON.');
      }
      continue;
    }
    const m = /^files\[(\d+)\]$/.exec(key);
    if (!m || typeof value === 'string') continue;
    const content = Buffer.from(await value.arrayBuffer());
    if (content.length > maxFileBytes) return refuse(413, 40005, 'Request entity too large');
    files.push({ index: Number(m[1]), name: value.name, contentType: value.type, content });
  }
  return { body, files };
}

/** The attachment objects of the message Discord answers with: one per uploaded file. */
export function attachmentObjects(files: UploadedFile[], id: () => string): Json[] {
  return files.map((f) => ({
    id: id(), filename: f.name, size: f.content.length, content_type: f.contentType,
    url: `https://cdn.discordapp.com/ephemeral-attachments/0/0/${f.name}`, proxy_url: `https://media.discordapp.net/ephemeral-attachments/0/0/${f.name}`,
  }));
}

/** Attachments in the body whose `id` names no uploaded `files[n]`: Discord's 400 50035 on that attachment. */
export function attachmentProblems(body: unknown, files: UploadedFile[]): Refusal | undefined {
  const data = (body as { data?: unknown } | undefined)?.data ?? body; // an interaction callback nests the message in `data`
  const list = (data as { attachments?: unknown } | undefined)?.attachments;
  if (!Array.isArray(list)) return undefined;
  const path = data === body ? [] : ['data'];
  const missing = list.flatMap((a, i) => {
    const id = (a as { id?: unknown })?.id;
    return files.some((f) => String(f.index) === String(id)) ? [] : [[[...path, 'attachments', i, 'id'], 'ATTACHMENT_NOT_FOUND', `Attachment ${String(id)} was not uploaded.`] as [(string | number)[], string, string]];
  });
  return missing.length ? { status: 400, body: formError(missing) } : undefined;
}
