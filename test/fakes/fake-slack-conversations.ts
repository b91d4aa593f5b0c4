/**
 * The conversation object the fake Slack's conversations.info answers with: the fields Slack
 * documents for a public channel (Conversation object reference), or for a direct message.
 */
export type ConversationState = { name: string; member: boolean; archived: boolean };

export function conversationObject(id: string, c: ConversationState, teamId: string, dmUser?: string): Record<string, unknown> {
  if (id.startsWith('D')) return { id, created: 1700000000, is_im: true, is_org_shared: false, user: dmUser, is_user_deleted: false, priority: 0 };
  return {
    id, name: c.name, is_channel: true, is_group: false, is_im: false, is_mpim: false, is_private: false, created: 1700000000,
    is_archived: c.archived, is_general: false, unlinked: 0, name_normalized: c.name, is_shared: false, is_org_shared: false,
    is_pending_ext_shared: false, pending_shared: [], context_team_id: teamId, parent_conversation: null, creator: 'U0CREATOR',
    is_ext_shared: false, shared_team_ids: [teamId], pending_connected_team_ids: [], is_member: c.member,
    topic: { value: '', creator: '', last_set: 0 }, purpose: { value: '', creator: '', last_set: 0 }, previous_names: [],
  };
}
