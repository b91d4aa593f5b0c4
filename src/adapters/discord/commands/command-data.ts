/**
 * The `/papers` slash command as plain data, registered by `paperboy register-commands` and read
 * by the interaction handler: option names and types here decide the handler's argument types
 * (see command-options.ts). Names and descriptions are localized for Korean and Japanese.
 */
import { ApplicationCommandOptionType as T, ApplicationCommandType } from 'discord.js';

const l = (ko: string, ja: string) => ({ ko, ja }) as const;

const channelFlag = (what: 'subscribe' | 'unsubscribe' | 'list') =>
  ({
    type: T.Boolean,
    name: 'channel',
    name_localizations: l('채널', 'チャンネル'),
    description: { subscribe: 'Subscribe this channel instead of you (needs Manage Channels)', unsubscribe: "Remove one of this channel's subscriptions", list: "Only this channel's subscriptions" }[what],
    description_localizations: {
      subscribe: l('나 대신 이 채널을 구독합니다 (채널 관리 권한 필요)', '自分ではなくこのチャンネルで購読します（チャンネル管理権限が必要）'),
      unsubscribe: l('이 채널의 구독을 취소합니다', 'このチャンネルの購読を解除します'),
      list: l('이 채널의 구독만 봅니다', 'このチャンネルの購読だけを表示します'),
    }[what],
  }) as const;

/** The paper an action names: an arXiv ID or URL, suggested from the store as the user types. */
const paperId = (what: 'like' | 'dislike' | 'similar' | 'save' | 'unsave') =>
  ({
    type: T.String, name: 'id', name_localizations: l('논문', '論文'), required: true, autocomplete: true, max_length: 200,
    description: {
      like: 'The paper you find relevant: arXiv ID, URL or part of its title', dislike: 'The paper you find not relevant: arXiv ID, URL or part of its title',
      similar: 'The paper to find others like: arXiv ID, URL or part of its title', save: 'The paper to save: arXiv ID, URL or part of its title',
      unsave: 'The paper to take off your reading list: arXiv ID, URL or part of its title',
    }[what],
    description_localizations: {
      like: l('관련 있는 논문: arXiv ID, URL 또는 제목 일부', '関連のある論文：arXiv ID・URL、またはタイトルの一部'),
      dislike: l('관련 없는 논문: arXiv ID, URL 또는 제목 일부', '関連のない論文：arXiv ID・URL、またはタイトルの一部'),
      similar: l('비슷한 논문을 찾을 기준 논문: arXiv ID, URL 또는 제목 일부', '似た論文を探す基準の論文：arXiv ID・URL、またはタイトルの一部'),
      save: l('저장할 논문: arXiv ID, URL 또는 제목 일부', '保存する論文：arXiv ID・URL、またはタイトルの一部'),
      unsave: l('읽을 목록에서 뺄 논문: arXiv ID, URL 또는 제목 일부', '読書リストから外す論文：arXiv ID・URL、またはタイトルの一部'),
    }[what],
  }) as const;

const cadenceChoices = [
  { name: 'daily', name_localizations: { ko: '매일', ja: '毎日' }, value: 'daily' },
  { name: 'weekly', name_localizations: { ko: '매주', ja: '毎週' }, value: 'weekly' },
  { name: 'daily and weekly', name_localizations: { ko: '매일과 매주', ja: '毎日と毎週' }, value: 'both' },
] as const;

const weekdayChoices = [
  ['mon', 'Monday', '월요일', '月曜日'],
  ['tue', 'Tuesday', '화요일', '火曜日'],
  ['wed', 'Wednesday', '수요일', '水曜日'],
  ['thu', 'Thursday', '목요일', '木曜日'],
  ['fri', 'Friday', '금요일', '金曜日'],
  ['sat', 'Saturday', '토요일', '土曜日'],
  ['sun', 'Sunday', '일요일', '日曜日'],
].map(([value, name, ko, ja]) => ({ name: name!, name_localizations: { ko: ko!, ja: ja! }, value: value! }));

const languageChoices = [
  { name: 'English', value: 'en' },
  { name: '한국어', value: 'ko' },
  { name: '日本語', value: 'ja' },
] as const;

const exportChoices = [
  { name: 'BibTeX', value: 'bibtex' },
  { name: 'RIS', value: 'ris' },
  { name: 'CSL-JSON', value: 'csl-json' },
] as const;

export const PAPERS_COMMAND = {
  type: ApplicationCommandType.ChatInput,
  name: 'papers',
  name_localizations: l('논문', '論文'),
  description: 'Research papers: daily picks, search and subscriptions',
  description_localizations: l('연구 논문: 오늘의 논문, 검색, 구독', '研究論文：今日の論文、検索、購読'),
  options: [
    {
      type: T.Subcommand, name: 'today', name_localizations: l('오늘', '今日'),
      description: "Today's papers for this channel, or those matching a topic",
      description_localizations: l('이 채널의 오늘 논문, 또는 주제에 맞는 논문', 'このチャンネルの今日の論文、またはトピックに合う論文'),
      options: [
        { type: T.String, name: 'topic', name_localizations: l('주제', 'トピック'), max_length: 200,
          description: 'Words to match, e.g. retrieval', description_localizations: l('찾을 단어 (예: retrieval)', '一致させる語（例：retrieval）') },
      ],
    },
    {
      type: T.Subcommand, name: 'search', name_localizations: l('검색', '検索'),
      description: 'Search papers in English, Korean or Japanese',
      description_localizations: l('영어, 한국어, 일본어로 논문을 검색합니다', '英語・韓国語・日本語で論文を検索します'),
      options: [
        // 300 lets a whole paper title be pasted (it then comes first, docs/adr/0003). Paging buttons
        // carry `search|<page>|<query>` in custom_id (at most 100), so a query over about 85
        // characters gets its first page without buttons.
        { type: T.String, name: 'query', name_localizations: l('검색어', 'キーワード'), required: true, max_length: 300,
          description: 'What to look for', description_localizations: l('찾을 내용', '検索する内容') },
      ],
    },
    {
      type: T.Subcommand, name: 'show', name_localizations: l('보기', '表示'),
      description: 'Show one paper by its arXiv ID or URL',
      description_localizations: l('arXiv ID나 URL로 논문 하나를 봅니다', 'arXiv ID または URL で論文を表示します'),
      options: [
        { type: T.String, name: 'id', name_localizations: l('논문', '論文'), required: true, autocomplete: true, max_length: 200,
          description: 'arXiv ID or URL, or start typing a title', description_localizations: l('arXiv ID나 URL, 또는 제목 일부', 'arXiv ID・URL、またはタイトルの一部') },
      ],
    },
    {
      type: T.Subcommand, name: 'subscribe', name_localizations: l('구독', '購読'),
      description: 'Get new papers on a topic, or papers like the ones you liked',
      description_localizations: l('주제의 새 논문, 또는 좋아요한 논문과 비슷한 논문을 받아 봅니다', 'トピックの新しい論文、またはいいねした論文に似た論文を受け取ります'),
      // The topic is not required so that kind "liked" can go without one; the use case asks for it otherwise.
      options: [
        { type: T.String, name: 'topic', name_localizations: l('주제', 'トピック'), autocomplete: true, max_length: 200,
          description: 'Words, "phrases", -exclusions, cat:cs.CL, author:"Name"',
          description_localizations: l('단어, "구문", -제외어, cat:cs.CL, author:"이름"', '単語、"フレーズ"、-除外語、cat:cs.CL、author:"名前"') },
        channelFlag('subscribe'),
        { type: T.String, name: 'kind', name_localizations: l('종류', '種類'),
          description: 'A topic (the default), or papers like the ones you (or this channel) liked',
          description_localizations: l('주제(기본), 또는 나(이 채널)가 좋아요한 논문과 비슷한 논문', 'トピック（既定）、または自分（このチャンネル）がいいねした論文に似た論文'),
          choices: [
            { name: 'Topic', name_localizations: l('주제', 'トピック'), value: 'topic' },
            { name: 'Papers like the ones I liked', name_localizations: l('좋아요한 논문과 비슷한 논문', 'いいねした論文に似た論文'), value: 'liked' },
          ] },
        { type: T.Integer, name: 'cap', name_localizations: l('하루최대', '1日上限'), min_value: 1, max_value: 25,
          description: 'Kind "liked": most papers a day (default 5)',
          description_localizations: l('"좋아요" 종류: 하루 최대 논문 수 (기본 5)', '「いいね」の種類：1日の最大論文数（既定 5）') },
      ],
    },
    {
      type: T.Subcommand, name: 'unsubscribe', name_localizations: l('구독취소', '購読解除'),
      description: 'Remove a subscription by its number or topic',
      description_localizations: l('번호나 주제로 구독을 취소합니다', '番号またはトピックで購読を解除します'),
      options: [
        { type: T.String, name: 'target', name_localizations: l('대상', '対象'), required: true, max_length: 200,
          description: 'The number from /papers subscriptions, or the topic', description_localizations: l('/papers subscriptions의 번호 또는 주제', '/papers subscriptions の番号またはトピック') },
        channelFlag('unsubscribe'),
      ],
    },
    {
      type: T.Subcommand, name: 'subscriptions', name_localizations: l('구독목록', '購読一覧'),
      description: "List your and this channel's subscriptions",
      description_localizations: l('나와 이 채널의 구독 목록', '自分とこのチャンネルの購読一覧'),
      options: [channelFlag('list')],
    },
    {
      type: T.Subcommand, name: 'settings', name_localizations: l('설정', '設定'),
      description: 'Show or change your language and this channel’s digest settings',
      description_localizations: l('내 언어와 이 채널의 다이제스트 설정을 보거나 바꿉니다', '自分の言語とこのチャンネルのダイジェスト設定を表示・変更します'),
      options: [
        { type: T.String, name: 'language', name_localizations: l('언어', '言語'), choices: languageChoices,
          description: 'Your language for answers and DMs', description_localizations: l('답변과 DM에 쓸 내 언어', '返信と DM に使う自分の言語') },
        { type: T.String, name: 'channel_language', name_localizations: l('채널언어', 'チャンネル言語'), choices: languageChoices,
          description: "This channel's digest language (needs Manage Channels)", description_localizations: l('이 채널의 다이제스트 언어 (채널 관리 권한 필요)', 'このチャンネルのダイジェスト言語（チャンネル管理権限が必要）') },
        { type: T.String, name: 'channel_time', name_localizations: l('채널시간', 'チャンネル時刻'), max_length: 5,
          description: "This channel's digest time, HH:MM (needs Manage Channels)", description_localizations: l('이 채널의 다이제스트 시각, HH:MM (채널 관리 권한 필요)', 'このチャンネルのダイジェスト時刻 HH:MM（チャンネル管理権限が必要）') },
        { type: T.String, name: 'channel_timezone', name_localizations: l('채널시간대', 'チャンネルタイムゾーン'), max_length: 60,
          description: "This channel's time zone, e.g. Asia/Seoul (needs Manage Channels)", description_localizations: l('이 채널의 시간대 (예: Asia/Seoul, 채널 관리 권한 필요)', 'このチャンネルのタイムゾーン（例：Asia/Tokyo、チャンネル管理権限が必要）') },
        { type: T.String, name: 'channel_cadence', name_localizations: l('채널주기', 'チャンネル頻度'), choices: cadenceChoices,
          description: 'Daily digest, weekly digest or both (needs Manage Channels)', description_localizations: l('매일 다이제스트, 주간 다이제스트 또는 둘 다 (채널 관리 권한 필요)', '日次ダイジェスト、週次ダイジェスト、または両方（チャンネル管理権限が必要）') },
        { type: T.String, name: 'channel_weekday', name_localizations: l('채널요일', 'チャンネル曜日'), choices: weekdayChoices,
          description: 'The weekly digest’s day, at the digest time (needs Manage Channels)', description_localizations: l('주간 다이제스트 요일, 다이제스트 시각에 (채널 관리 권한 필요)', '週次ダイジェストの曜日、ダイジェスト時刻に（チャンネル管理権限が必要）') },
      ],
    },
    {
      type: T.Subcommand, name: 'status', name_localizations: l('상태', 'ステータス'),
      description: "Last ingest of each source and this channel's next digest",
      description_localizations: l('소스별 마지막 수집과 이 채널의 다음 다이제스트', 'ソースごとの最終取り込みとこのチャンネルの次のダイジェスト'),
    },
    {
      type: T.Subcommand, name: 'help', name_localizations: l('도움말', 'ヘルプ'),
      description: 'What Paperboy can do', description_localizations: l('Paperboy 명령어 안내', 'Paperboy のコマンド一覧'),
    },
    {
      type: T.Subcommand, name: 'like', name_localizations: l('좋아요', 'いいね'),
      description: 'Mark a paper relevant (👍) for this channel and for you',
      description_localizations: l('이 채널과 나에게 관련 있는 논문으로 표시 (👍)', 'このチャンネルと自分にとって関連のある論文にする (👍)'),
      options: [paperId('like')],
    },
    {
      type: T.Subcommand, name: 'dislike', name_localizations: l('싫어요', 'よくないね'),
      description: 'Mark a paper not relevant (👎) for this channel and for you',
      description_localizations: l('이 채널과 나에게 관련 없는 논문으로 표시 (👎)', 'このチャンネルと自分にとって関連のない論文にする (👎)'),
      options: [paperId('dislike')],
    },
    {
      type: T.Subcommand, name: 'similar', name_localizations: l('비슷한논문', '似た論文'),
      description: 'Papers most like one paper, from the whole store',
      description_localizations: l('한 논문과 가장 비슷한 논문들 (저장된 전체에서)', 'ある論文に最も似た論文（保存済みの全体から）'),
      options: [paperId('similar')],
    },
    {
      type: T.Subcommand, name: 'interests', name_localizations: l('관심사', '関心'),
      description: "What your (or this channel's) relevance profile holds; remove from it or clear it",
      description_localizations: l('내(또는 이 채널의) 관심 프로필 내용; 항목 삭제 또는 초기화', '自分（またはこのチャンネル）の関心プロファイル。項目の削除や全消去'),
      options: [
        { type: T.Boolean, name: 'channel', name_localizations: l('채널', 'チャンネル'),
          description: "This channel's profile instead of yours (changing it needs Manage Channels)",
          description_localizations: l('내 대신 이 채널의 프로필 (변경은 채널 관리 권한 필요)', '自分ではなくこのチャンネルのプロファイル（変更にはチャンネル管理権限が必要）') },
        { type: T.String, name: 'remove', name_localizations: l('삭제', '削除'), autocomplete: true, max_length: 200,
          description: 'A paper (arXiv ID or URL) to take out of the profile',
          description_localizations: l('프로필에서 뺄 논문 (arXiv ID 또는 URL)', 'プロファイルから外す論文（arXiv ID または URL）') },
        { type: T.Boolean, name: 'clear', name_localizations: l('초기화', '全消去'),
          description: 'Forget every vote and seed of the profile',
          description_localizations: l('프로필의 모든 투표와 시드를 지웁니다', 'プロファイルのすべての投票とシードを消去します') },
      ],
    },
    {
      type: T.Subcommand, name: 'save', name_localizations: l('저장', '保存'),
      description: 'Put a paper on your reading list (⭐)',
      description_localizations: l('논문을 읽을 목록에 저장합니다 (⭐)', '論文を読書リストに保存します (⭐)'),
      options: [paperId('save')],
    },
    {
      type: T.Subcommand, name: 'unsave', name_localizations: l('저장취소', '保存解除'),
      description: 'Take a paper off your reading list',
      description_localizations: l('논문을 읽을 목록에서 뺍니다', '論文を読書リストから外します'),
      options: [paperId('unsave')],
    },
    {
      type: T.Subcommand, name: 'saved', name_localizations: l('읽을목록', '読書リスト'),
      description: 'Your reading list, newest first; words search it',
      description_localizations: l('읽을 목록 (최신순); 단어로 검색', '読書リスト（新しい順）。語で検索'),
      options: [
        { type: T.String, name: 'query', name_localizations: l('검색어', 'キーワード'), max_length: 80,
          description: 'Only saved papers with these words', description_localizations: l('이 단어가 있는 저장한 논문만', 'この語を含む保存済みの論文だけ') },
      ],
    },
    {
      type: T.Subcommand, name: 'export', name_localizations: l('내보내기', 'エクスポート'),
      description: 'Your reading list as a file for Zotero and other reference managers',
      description_localizations: l('읽을 목록을 Zotero 등 문헌 관리 도구용 파일로', '読書リストを Zotero などの文献管理ツール向けのファイルで'),
      options: [
        { type: T.String, name: 'format', name_localizations: l('형식', '形式'), choices: exportChoices,
          description: 'File format (default BibTeX)', description_localizations: l('파일 형식 (기본 BibTeX)', 'ファイル形式（既定は BibTeX）') },
      ],
    },
  ],
} as const;

/** Everything `register-commands` sends, in one bulk overwrite. */
export const COMMANDS = [PAPERS_COMMAND] as const;
