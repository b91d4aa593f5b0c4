import { describe, expect, it } from 'vitest';
import { UserError } from './commands.js';
import { parseCommandText } from './parse-command-text.js';

function userError(text: string): { key: string; params: Record<string, string | number> } {
  try {
    parseCommandText(text);
  } catch (e) {
    if (e instanceof UserError) return { key: e.key, params: e.params };
    throw e;
  }
  throw new Error(`expected a UserError for ${JSON.stringify(text)}`);
}

describe('parseCommandText', () => {
  it('answers empty text and help with help', () => {
    for (const text of ['', '   ', 'help', 'HELP', 'help subscribe']) expect(parseCommandText(text)).toEqual({ command: 'help' });
  });

  it('reads subcommand names in any case and width', () => {
    expect(parseCommandText('Status')).toEqual({ command: 'status' });
    expect(parseCommandText('ＳＥＡＲＣＨ 검색')).toEqual({ command: 'search', query: '검색' });
  });

  it('reads `subscribe liked [N]` as a liked subscription, in either scope; a quoted or longer topic stays a topic', () => {
    expect(parseCommandText('subscribe liked')).toEqual({ command: 'subscribe', kind: 'liked', scope: 'me' });
    expect(parseCommandText('subscribe LIKED 3')).toEqual({ command: 'subscribe', kind: 'liked', scope: 'me', cap: 3 });
    expect(parseCommandText('subscribe --liked ７')).toEqual({ command: 'subscribe', kind: 'liked', scope: 'me', cap: 7 });
    expect(parseCommandText('subscribe channel liked 10')).toEqual({ command: 'subscribe', kind: 'liked', scope: 'channel', cap: 10 });
    expect(parseCommandText('subscribe liked 2 --channel')).toEqual({ command: 'subscribe', kind: 'liked', scope: 'channel', cap: 2 });
    // The range is the use case's to check, with a localized answer.
    expect(parseCommandText('subscribe liked 0')).toEqual({ command: 'subscribe', kind: 'liked', scope: 'me', cap: 0 });
    expect(parseCommandText('subscribe "liked"')).toEqual({ command: 'subscribe', topic: '"liked"', scope: 'me' });
    expect(parseCommandText('subscribe liked robots')).toEqual({ command: 'subscribe', topic: 'liked robots', scope: 'me' });
  });

  it('takes an optional topic after today', () => {
    expect(parseCommandText('today')).toEqual({ command: 'today' });
    expect(parseCommandText('today  cat:cs.CL robot ')).toEqual({ command: 'today', topic: 'cat:cs.CL robot' });
  });

  it('takes the rest of the text as the search query and an optional page', () => {
    expect(parseCommandText('search 강화학습')).toEqual({ command: 'search', query: '강화학습' });
    expect(parseCommandText('search "diffusion transformer" 拡散')).toEqual({ command: 'search', query: '"diffusion transformer" 拡散' });
    expect(parseCommandText('search 강화학습 --page 2')).toEqual({ command: 'search', query: '강화학습', page: 2 });
    expect(parseCommandText('search --page=3 robot arm')).toEqual({ command: 'search', query: 'robot arm', page: 3 });
  });

  it('rejects a search without a query or with a bad page', () => {
    expect(userError('search')).toEqual({ key: 'error.empty_query', params: {} });
    expect(userError('search   --page 2')).toEqual({ key: 'error.empty_query', params: {} });
    expect(userError('search robot --page two')).toEqual({ key: 'error.invalid_page', params: { page: 'two' } });
    expect(userError('search robot --page 0')).toEqual({ key: 'error.invalid_page', params: { page: '0' } });
    expect(userError('search robot --page')).toEqual({ key: 'error.missing_argument', params: { command: 'search --page' } });
  });

  it('takes the trimmed rest as the id to show', () => {
    expect(parseCommandText('show   2410.22304v2  ')).toEqual({ command: 'show', id: '2410.22304v2' });
    expect(userError('show')).toEqual({ key: 'error.missing_argument', params: { command: 'show' } });
  });

  it('undoes Slack link wrapping and HTML entities', () => {
    expect(parseCommandText('show <https://arxiv.org/abs/2410.22304|arxiv.org/abs/2410.22304>')).toEqual({
      command: 'show',
      id: 'https://arxiv.org/abs/2410.22304',
    });
    expect(parseCommandText('subscribe robots &amp; humans &lt;3')).toEqual({ command: 'subscribe', topic: 'robots & humans <3', scope: 'me' });
  });

  it('passes the subscribe topic through verbatim for the use case to parse', () => {
    expect(parseCommandText('subscribe "diffusion transformer" -survey cat:cs.CL')).toEqual({
      command: 'subscribe',
      topic: '"diffusion transformer" -survey cat:cs.CL',
      scope: 'me',
    });
  });

  it('subscribes the channel with --channel first or last, or the word channel first', () => {
    const channel = { command: 'subscribe', topic: 'cat:cs.RO', scope: 'channel' };
    expect(parseCommandText('subscribe --channel cat:cs.RO')).toEqual(channel);
    expect(parseCommandText('subscribe cat:cs.RO --channel')).toEqual(channel);
    expect(parseCommandText('subscribe channel cat:cs.RO')).toEqual(channel);
    expect(parseCommandText('subscribe --CHANNEL cat:cs.RO')).toEqual(channel);
    // macOS smart punctuation sends a typed -- as an em dash.
    expect(parseCommandText('subscribe —channel cat:cs.RO')).toEqual(channel);
  });

  it('keeps channel as a keyword when it is the whole topic or quoted', () => {
    expect(parseCommandText('subscribe channel')).toEqual({ command: 'subscribe', topic: 'channel', scope: 'me' });
    expect(parseCommandText('subscribe "channel coding"')).toEqual({ command: 'subscribe', topic: '"channel coding"', scope: 'me' });
  });

  it('needs a topic to subscribe to and a target to unsubscribe', () => {
    expect(userError('subscribe')).toEqual({ key: 'error.missing_argument', params: { command: 'subscribe' } });
    expect(userError('subscribe --channel')).toEqual({ key: 'error.missing_argument', params: { command: 'subscribe' } });
    expect(userError('unsubscribe')).toEqual({ key: 'error.missing_argument', params: { command: 'unsubscribe' } });
  });

  it('reads the unsubscribe target as a number or a topic', () => {
    expect(parseCommandText('unsubscribe 2')).toEqual({ command: 'unsubscribe', target: '2', scope: 'me' });
    expect(parseCommandText('unsubscribe --channel cat:cs.RO')).toEqual({ command: 'unsubscribe', target: 'cat:cs.RO', scope: 'channel' });
    expect(parseCommandText('unsubscribe channel 1')).toEqual({ command: 'unsubscribe', target: '1', scope: 'channel' });
  });

  it('lists subscriptions for a scope only when one is named', () => {
    expect(parseCommandText('subscriptions')).toEqual({ command: 'subscriptions' });
    expect(parseCommandText('subscriptions channel')).toEqual({ command: 'subscriptions', scope: 'channel' });
    expect(parseCommandText('subscriptions --channel')).toEqual({ command: 'subscriptions', scope: 'channel' });
    expect(parseCommandText('subscriptions me')).toEqual({ command: 'subscriptions', scope: 'me' });
  });

  it('reads personal and channel settings', () => {
    expect(parseCommandText('settings')).toEqual({ command: 'settings' });
    expect(parseCommandText('settings channel')).toEqual({ command: 'settings' });
    expect(parseCommandText('settings language ko')).toEqual({ command: 'settings', me: { locale: 'ko' } });
    expect(parseCommandText('settings channel language ja')).toEqual({ command: 'settings', channel: { locale: 'ja' } });
    expect(parseCommandText('settings channel time 08:30')).toEqual({ command: 'settings', channel: { time: '08:30' } });
    expect(parseCommandText('settings channel timezone utc')).toEqual({ command: 'settings', channel: { timezone: 'UTC' } });
    expect(parseCommandText('settings channel cadence Weekly')).toEqual({ command: 'settings', channel: { cadence: 'weekly' } });
    expect(parseCommandText('settings channel weekday Friday')).toEqual({ command: 'settings', channel: { weekday: 'fri' } });
  });

  it('pads the hour and spells the time zone as Intl does', () => {
    expect(parseCommandText('settings channel time 8:30 asia/tokyo')).toEqual({
      command: 'settings',
      channel: { time: '08:30', timezone: 'Asia/Tokyo' },
    });
    expect(parseCommandText('settings channel time ２１:０５')).toEqual({ command: 'settings', channel: { time: '21:05' } });
  });

  it('rejects bad times, unknown zones, unknown settings and missing values', () => {
    expect(userError('settings channel time 24:00')).toEqual({ key: 'error.invalid_time', params: { time: '24:00' } });
    expect(userError('settings channel time 0830')).toEqual({ key: 'error.invalid_time', params: { time: '0830' } });
    expect(userError('settings channel time 08:30 Mars/Olympus')).toEqual({ key: 'error.invalid_timezone', params: { zone: 'Mars/Olympus' } });
    expect(userError('settings channel color red')).toEqual({ key: 'error.unknown_setting', params: { setting: 'color' } });
    expect(userError('settings time 08:30')).toEqual({ key: 'error.unknown_setting', params: { setting: 'time' } });
    expect(userError('settings language')).toEqual({ key: 'error.missing_argument', params: { command: 'settings language' } });
    expect(userError('settings channel time')).toEqual({ key: 'error.missing_argument', params: { command: 'settings channel time' } });
  });

  it('names an unknown subcommand, shortened when long', () => {
    expect(userError('subscirbe robot')).toEqual({ key: 'error.unknown_command', params: { command: 'subscirbe' } });
    expect(userError('x'.repeat(100))).toEqual({ key: 'error.unknown_command', params: { command: `${'x'.repeat(40)}…` } });
  });
});
