/**
 * Word lists for the synthetic benchmark data, in rough order of frequency (a Zipf sampler
 * draws rank r with probability ∝ 1/r). English mixes function words with the ML words real
 * arXiv abstracts use; Korean and Japanese lists include the two-character words people search
 * for (검색, 로봇, 강화, 학습, 모델 / 検索, 強化, 学習, 言語, ロボット).
 */

export const ENGLISH_COMMON: readonly string[] = `
the of and a to in we is for that on with this by as are model learning our from an be which
can data models method these it performance approach results based show task training propose
language large network using such both new paper neural methods tasks its framework across than
while has not more or at between existing two however also significantly information time each
demonstrate into state art reasoning diffusion transformer retrieval reinforcement robot agent
generation image policy video benchmark inference attention embedding graph optimization
fine tuning pretraining supervised dataset evaluation accuracy efficient scalable multimodal
vision text token prompt alignment safety robustness generalization representation latent sampling
denoising manipulation navigation planning control simulation speech translation summarization
code mathematical memory context long sparse quantization distillation federated privacy
adversarial causal contrastive self zero shot few problem systems system different high
improve improves improved further study first novel used over under well problems complex
achieve achieves effective effectiveness lower higher compared baseline baselines experiments
extensive real world domain domains knowledge human feedback preference reward agents
environment environments trajectory trajectories search query queries document documents
answer question questions llm llms vlm semantic structure structured features feature local
global level multi scale objective loss function functions gradient stochastic theoretical
analysis prove bound bounds convergence algorithm algorithms linear nonlinear kernel
`
  .split(/\s+/)
  .filter((w) => w.length > 0);

/** Real words placed at fixed, low-frequency ranks so a "rare word" query has a known shape. */
export const ENGLISH_RARE: readonly [string, number][] = [
  ['photonic', 1500],
  ['hippocampus', 3000],
  ['tokamak', 6000],
];

const SYLLABLES = 'ka ro mi te lu ven sor dal qui neb tra fol gen pax zi mor bel cus dri om ast pel vin tor'.split(' ');

/** English-looking filler words (deterministic), so the vocabulary has a realistic long tail. */
export function pseudoWords(count: number, next: () => number): string[] {
  const out = new Set<string>();
  while (out.size < count) {
    const n = 2 + Math.floor(next() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    out.add(w);
  }
  return [...out];
}

export const KOREAN_WORDS: readonly string[] = `
모델 학습 데이터 성능 방법 제안 연구 결과 실험 기존 향상 대비 언어 대규모 추론 생성 검색 강화학습 에이전트
정확도 평가 벤치마크 효율 이미지 텍스트 로봇 강화 확산 멀티모달 토큰 임베딩 표현 구조 네트워크 최적화
손실 함수 보상 정책 환경 시뮬레이션 제어 계획 작업 과제 질문 답변 문서 지식 그래프 분류 예측 탐지 분할
영상 음성 번역 요약 코드 수학 문제 해결 능력 일반화 안정성 견고성 편향 안전 정렬 인간 피드백 선호 학습률
배치 샘플 분포 노이즈 확률 이론 분석 알고리즘 프레임워크 파이프라인 모듈 설계 구현 공개 한계 사전학습
미세조정 트랜스포머 어텐션 메모리 속도 파라미터 추천 대화 맥락 장문 압축 양자화 증류 개인정보 적대적
인과 대조 자기지도 조작 내비게이션 경로 센서 시각 장면 물체 인식 재구성 합성 편집 스타일 음악 의료 진단
`
  .split(/\s+/)
  .filter((w) => w.length > 0);

export const KOREAN_PARTICLES: readonly string[] = ['을', '를', '이', '가', '은', '는', '에서', '으로', '의', '과', '와', '에', '', '', ''];
export const KOREAN_ENDINGS: readonly string[] = [
  '제안합니다.',
  '보여줍니다.',
  '달성했습니다.',
  '향상시켰습니다.',
  '개선합니다.',
  '분석합니다.',
  '입증했습니다.',
];

export const JAPANESE_WORDS: readonly string[] = `
モデル 学習 手法 提案 本研究 データ 性能 言語 向上 実験 結果 大規模 生成 推論 評価 検索 強化学習 効率 計算
精度 従来 比較 情報 文書 質問 応答 知識 ロボット 制御 環境 報酬 方策 最適化 強化 拡散 画像 分類 予測 検出
音声 翻訳 要約 数学 問題 能力 汎化 安全性 整合 人間 嗜好 エージェント ベンチマーク トランスフォーマー
アテンション トークン 埋め込み 表現 構造 ネットワーク 学習率 分布 雑音 理論 解析 アルゴリズム
フレームワーク パイプライン 設計 実装 公開 事前学習 微調整 記憶 速度 推薦 対話 文脈 長文 圧縮 量子化
蒸留 因果 対照 操作 経路 センサ 視覚 場面 物体 認識 再構成 合成 編集 医療 診断
`
  .split(/\s+/)
  .filter((w) => w.length > 0);

export const JAPANESE_PARTICLES: readonly string[] = ['の', 'を', 'に', 'は', 'が', 'で', 'と', 'から', 'による', 'において', 'の'];
export const JAPANESE_ENDINGS: readonly string[] = ['を提案する。', 'を示した。', 'を達成した。', 'を実現する。', 'を改善した。', 'を検証した。'];

export const FIRST_NAMES: readonly string[] = `
Wei Jun Min Ji-woo Seo-yeon Hiroshi Yuki Haruto Aiko Li Xin Yang Chen Anna Maria John David Michael
Sarah Laura Pierre Sophie Lukas Elena Ivan Olga Ahmed Fatima Ravi Priya Arjun Carlos Lucia Mateo
Noah Emma Liam Olivia Kenji Sakura Hyun Dong-hyun
`
  .split(/\s+/)
  .filter((w) => w.length > 0);

export const LAST_NAMES: readonly string[] = `
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Kim Lee Park Choi Jung Kang Cho Yoon Sato Suzuki
Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Smith Johnson Williams Brown Jones Garcia Miller
Davis Martin Bernard Dubois Muller Schmidt Schneider Fischer Rossi Russo Ferrari Ivanov Petrov
Kumar Singh Sharma Patel Gupta Silva Santos Oliveira Costa Nguyen Tran Le Pham Hoang
`
  .split(/\s+/)
  .filter((w) => w.length > 0);

export const CATEGORIES: readonly string[] = ['cs.AI', 'cs.CL', 'cs.LG', 'cs.CV', 'cs.RO', 'cs.IR', 'stat.ML', 'cs.NE', 'cs.MA', 'eess.AS'];
