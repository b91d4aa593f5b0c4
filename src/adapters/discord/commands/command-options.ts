/**
 * From a `/papers <subcommand>` interaction to a CommandInput. The option values each mapper
 * receives are typed from PAPERS_COMMAND itself, so renaming an option there breaks the build here.
 */
import { ApplicationCommandOptionType, type ChatInputCommandInteraction } from 'discord.js';
import type { CommandInput, SubscriptionScope } from '../../../core/commands.js';
import { PAPERS_COMMAND } from './command-data.js';

type Subcommand = (typeof PAPERS_COMMAND)['options'][number];
export type SubcommandName = Subcommand['name'];
type OptionsOf<S extends SubcommandName> = Extract<Subcommand, { name: S }> extends { options: readonly (infer O)[] } ? O : never;
type ValueOf<O> = O extends { type: ApplicationCommandOptionType.Boolean } ? boolean : O extends { type: ApplicationCommandOptionType.Integer } ? number : string;
/** `{ query: string }` for search, `{ topic: string; channel: boolean | undefined }` for subscribe, … */
export type OptionValues<S extends SubcommandName> = {
  [O in OptionsOf<S> as O extends { name: infer N extends string } ? N : never]: O extends { required: true } ? ValueOf<O> : ValueOf<O> | undefined;
};

const scope = (channel: boolean | undefined): SubscriptionScope => (channel ? 'channel' : 'me');

const TO_INPUT: { [S in SubcommandName]: (o: OptionValues<S>) => CommandInput } = {
  today: (o) => (o.topic ? { command: 'today', topic: o.topic } : { command: 'today' }),
  search: (o) => ({ command: 'search', query: o.query }),
  show: (o) => ({ command: 'show', id: o.id }),
  subscribe: (o) =>
    o.kind === 'liked'
      ? { command: 'subscribe', kind: 'liked', scope: scope(o.channel), ...(o.cap !== undefined ? { cap: o.cap } : {}), ...(o.topic ? { topic: o.topic } : {}) }
      : { command: 'subscribe', topic: o.topic ?? '', scope: scope(o.channel) },
  unsubscribe: (o) => ({ command: 'unsubscribe', target: o.target, scope: scope(o.channel) }),
  subscriptions: (o) => (o.channel ? { command: 'subscriptions', scope: 'channel' } : { command: 'subscriptions' }),
  settings: (o) => {
    const channel = { locale: o.channel_language, time: o.channel_time, timezone: o.channel_timezone, cadence: o.channel_cadence, weekday: o.channel_weekday };
    const set = Object.fromEntries(Object.entries(channel).filter(([, v]) => v !== undefined));
    return {
      command: 'settings',
      ...(Object.keys(set).length ? { channel: set } : {}),
      ...(o.language ? { me: { locale: o.language } } : {}),
    };
  },
  status: () => ({ command: 'status' }),
  help: () => ({ command: 'help' }),
  like: (o) => ({ command: 'like', id: o.id }),
  dislike: (o) => ({ command: 'dislike', id: o.id }),
  similar: (o) => ({ command: 'similar', id: o.id }),
  save: (o) => ({ command: 'save', id: o.id }),
  unsave: (o) => ({ command: 'unsave', id: o.id }),
  saved: (o) => (o.query ? { command: 'saved', query: o.query } : { command: 'saved' }),
  export: (o) => (o.format ? { command: 'export', format: o.format } : { command: 'export' }),
  interests: (o) => ({ command: 'interests', scope: scope(o.channel), ...(o.remove ? { remove: o.remove } : {}), ...(o.clear ? { clear: true } : {}) }),
};

const isSubcommand = (name: string): name is SubcommandName => PAPERS_COMMAND.options.some((s) => s.name === name);

/** The CommandInput for a `/papers` interaction, or undefined for a command or subcommand we do not know. */
export function commandInput(interaction: ChatInputCommandInteraction): CommandInput | undefined {
  if (interaction.commandName !== PAPERS_COMMAND.name) return undefined;
  const name = interaction.options.getSubcommand(false);
  if (!name || !isSubcommand(name)) return undefined;
  const spec = PAPERS_COMMAND.options.find((s) => s.name === name);
  const values: Record<string, string | boolean | number | undefined> = {};
  for (const option of spec && 'options' in spec ? spec.options : []) {
    const value =
      option.type === ApplicationCommandOptionType.Boolean
        ? interaction.options.getBoolean(option.name)
        : option.type === ApplicationCommandOptionType.Integer
          ? interaction.options.getInteger(option.name)
          : interaction.options.getString(option.name);
    values[option.name] = value ?? undefined;
  }
  // The values were read from the same data the type is derived from.
  return (TO_INPUT[name] as (o: Record<string, string | boolean | number | undefined>) => CommandInput)(values);
}
