/**
 * The platform-neutral post model: what a digest or a paper card says, already localized.
 * Adapters render it (Discord embeds, Slack Block Kit, plain text) and never decide content.
 */

export interface LabeledText {
  label: string;
  text: string;
}

export interface CardLink {
  label: string;
  url: string;
}

export interface CardSummary {
  /** Sections in display order, labels localized ("What's New" → "새로운 점"). */
  sections: LabeledText[];
  /** Localized credit with the source's human label, e.g. "요약 출처: Hugging Face Daily Papers". */
  attribution?: string;
  /** True when the body is not in the channel's language (or says there is no summary yet). */
  fallback: boolean;
}

export interface PaperCard {
  key: string;
  /** Store id: what a 👍/👎 click on the card names (core/paper-actions.ts). */
  paperId?: number;
  /** Why a ranked paper is here, localized ("like *…* · matches: diffusion, 비디오"); see core/rank-reason-text.ts. */
  reason?: string;
  title: string;
  /** Where the title links: the arXiv abstract page or the article. */
  url: string;
  /** Authors, shortened when long ("A, B, C and 12 others", localized). */
  authors?: string;
  /** The card's body; core/card-body.ts always gives one (a "no summary yet" line at worst). */
  summary?: CardSummary;
  /** Short facts shown inline: votes, categories, date (labels and values localized). */
  facts: LabeledText[];
  links: CardLink[];
  thumbnail?: string;
}

export interface DigestModel {
  locale: string;
  /** Local date of the digest, YYYY-MM-DD. */
  date: string;
  /** Localized heading, e.g. "📰 Daily Papers — 2024년 10월 30일 수요일". */
  title: string;
  /** Localized one-line intro, e.g. "새 논문 7편". */
  intro: string;
  papers: PaperCard[];
  /** Set on a day with nothing new when the channel wants a notice. */
  notice?: string;
  /** Localized "and N more" when papers were cut by the channel's limit. */
  more?: string;
}

/** One message as the platform API takes it (Discord create-message JSON, Slack chat.postMessage args). */
export interface OutgoingMessage {
  body: Record<string, unknown>;
  /**
   * Index (within the same digest) of the message whose thread this one belongs in, for the
   * header-plus-thread layout; undefined for a top-level message.
   */
  threadParent?: number;
  /** Store ids of the papers this message shows: a 👍/👎 reaction on a one-paper message is a vote on it. */
  paperIds?: number[];
}

export type DigestLayout = 'digest' | 'thread';
