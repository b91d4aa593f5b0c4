/** Korean messages, in the polite 합니다 style of Korean service notices. */
import type { Messages } from './en.js';

export const ko: Messages = {
  // Digest
  'digest.title': '📰 오늘의 논문 — {date}',
  'digest.intro': '{count, plural, =0 {새 논문 없음} other {새 논문 #편}}',
  'digest.more': '그 밖에 {count, number}편이 더 있습니다',
  'digest.empty': '오늘은 새 논문이 없습니다. arXiv는 주말과 공휴일에는 새 논문을 발표하지 않습니다.',

  // Paper card
  'authors.others': '외 {count, number}명',
  'label.authors': '저자',
  'section.whats_new': '새로운 점',
  'section.technical_details': '기술적 세부 사항',
  'section.performance_highlights': '주요 성능 결과',
  'section.tldr': '한 줄 요약',
  'section.abstract': '초록',
  'section.excerpt': '발췌',
  'section.abstract_en': '초록 (영문)',
  'summary.source': '요약 출처: {source}',
  'summary.generated': '자동 생성 요약 (모델: {model})',
  'fact.votes': '추천 수',
  'fact.categories': '분야',
  'fact.announced': '발표일',
  'fact.featured': '소개일',
  'fact.published': '게시일',
  'link.arxiv': 'arXiv',
  'link.pdf': 'PDF',
  'link.huggingface': 'Hugging Face',
  'link.code': '코드',
  'link.project': '프로젝트 페이지',
  'link.article': '원문',

  // Languages
  'language.en': '영어',
  'language.ko': '한국어',
  'language.ja': '일본어',

  // Replies to commands
  'subscription.added': '이 채널에 매일 {language} 다이제스트를 게시합니다.',
  'subscription.removed': '이 채널에는 더 이상 다이제스트를 게시하지 않습니다.',
  'subscription.none': '이 채널은 다이제스트를 구독하고 있지 않습니다.',
  'search.no_results': '“{query}” 검색 결과가 없습니다.',
  'status.title': 'Paperboy 상태',
  'status.last_ingest': '마지막 수집: {time}',
  'status.never': '아직 없음',
  'status.papers': '저장된 논문 {count, number}편',
  'status.source_failed': '{source} 수집 실패 ({time}): {error}',

  // Errors
  'error.generic': '문제가 발생했습니다. 잠시 후 다시 시도해 주세요.',
  'error.paper_not_found': '{id}에 해당하는 논문을 찾을 수 없습니다.',
  'error.invalid_paper_id': 'arXiv ID나 URL이 아닙니다: {input}',
  'error.no_permission': '이 작업을 할 권한이 없습니다.',
  'error.unsupported_language': '지원하지 않는 언어입니다: {language}. 다음 중에서 선택해 주세요: {supported}',
  'error.rate_limited': '요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.',
};
