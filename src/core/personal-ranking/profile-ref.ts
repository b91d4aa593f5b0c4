/**
 * Whose profile: a channel's (every click made in it) or a person's (their clicks in any
 * channel of one Discord server or Slack workspace, plus the library they imported). Clicks
 * from two servers or workspaces never meet in one profile.
 */
export type ProfileRef =
  | { kind: 'channel'; platform: string; channel: string }
  | { kind: 'person'; platform: string; workspace: string; user: string };

/** The key seeds are stored under: a person's library follows them across workspaces. */
export function seedOwner(ref: ProfileRef): string {
  return ref.kind === 'channel' ? `channel:${ref.platform}:${ref.channel}` : `person:${ref.platform}:${ref.user}`;
}

/** A stable name for caches and logs. */
export function profileKey(ref: ProfileRef): string {
  return ref.kind === 'channel' ? seedOwner(ref) : `person:${ref.platform}:${ref.workspace}:${ref.user}`;
}
