/** Japanese messages, in the です・ます style of Japanese service notices. */
import type { Messages } from './en.js';

export const ja: Messages = {
  // Digest
  'digest.title': '📰 今日の論文 — {date}',
  'digest.intro': '{count, plural, =0 {新着論文はありません} other {新着論文 #件}}',
  'digest.more': 'ほかに{count, number}件の論文があります',
  'digest.empty': '本日は新着論文がありません。arXivは土日・祝日には新しい論文を公開しません。',

  // Paper card
  'authors.others': '他{count, number}名',
  'label.authors': '著者',
  'section.whats_new': '新規性',
  'section.technical_details': '技術的な詳細',
  'section.performance_highlights': '主な性能結果',
  'section.tldr': '要点',
  'section.abstract': '概要',
  'section.excerpt': '抜粋',
  'section.abstract_en': '概要（英語）',
  'summary.source': '要約の出典: {source}',
  'summary.generated': '{model} による自動生成の要約',
  'fact.votes': '投票数',
  'fact.categories': '分野',
  'fact.announced': '公開日',
  'fact.featured': '掲載日',
  'fact.published': '投稿日',
  'link.arxiv': 'arXiv',
  'link.pdf': 'PDF',
  'link.huggingface': 'Hugging Face',
  'link.code': 'コード',
  'link.project': 'プロジェクトページ',
  'link.article': '元記事',

  // Languages
  'language.en': '英語',
  'language.ko': '韓国語',
  'language.ja': '日本語',

  // Replies to commands
  'subscription.added': 'このチャンネルに毎日{language}のダイジェストを投稿します。',
  'subscription.removed': 'このチャンネルへのダイジェストの投稿を停止しました。',
  'subscription.none': 'このチャンネルはダイジェストを購読していません。',
  'search.no_results': '「{query}」に一致する論文はありません。',
  'status.title': 'Paperboy の状態',
  'status.last_ingest': '最終取得: {time}',
  'status.never': 'まだありません',
  'status.papers': '保存済みの論文 {count, number}件',
  'status.source_failed': '{source} の取得に失敗しました（{time}）: {error}',

  // Errors
  'error.generic': '問題が発生しました。しばらくしてからもう一度お試しください。',
  'error.paper_not_found': '{id} に該当する論文が見つかりません。',
  'error.invalid_paper_id': 'arXiv の ID または URL ではありません: {input}',
  'error.no_permission': 'この操作を行う権限がありません。',
  'error.unsupported_language': '対応していない言語です: {language}。次の中から選んでください: {supported}',
  'error.rate_limited': 'リクエストが多すぎます。しばらく待ってからもう一度お試しください。',
};
