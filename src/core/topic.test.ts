import { describe, expect, it } from 'vitest';
import { UserError } from './commands.js';
import { searchTokens } from './search-text.js';
import { foldWords, matchTopic, parseTopic, topicKey, type TopicPaper } from './topic.js';

function userError(f: () => unknown): { key: string; params: Record<string, string | number> } {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return { key: e.key, params: e.params };
    throw e;
  }
  throw new Error('expected a UserError');
}

const paper = (p: Partial<TopicPaper>): TopicPaper => ({ title: '', abstract: null, categories: [], authors: [], ...p });
const matches = (topic: string, p: Partial<TopicPaper>): boolean => matchTopic(parseTopic(topic), paper(p));

describe('foldWords', () => {
  it('folds case, width and Latin accents but keeps Japanese voiced marks and Hangul', () => {
    expect(foldWords('GPT-4o, Flow-DPO!')).toEqual(['gpt', '4o', 'flow', 'dpo']);
    expect(foldWords('Ｔｒａｎｓｆｏｒｍｅｒ naïve Schölkopf')).toEqual(['transformer', 'naive', 'scholkopf']);
    expect(foldWords('ガウス過程 그래프')).toEqual(['ガウス過程', '그래프']);
  });

  it('splits words exactly where searchTokens does, with each CJK run whole rather than in bigrams', () => {
    expect(foldWords('LLM(대형언어모델)을 사용')).toEqual(['llm', '대형언어모델', '을', '사용']);
    expect(foldWords('강화robot robot강화')).toEqual(['강화', 'robot', 'robot강화']);
    for (const text of ['a-b c_d e.f', 'Ωmega β-VAE 3×3', 'x\u00a0y\u2003z', 'Ｆｕｌｌ－ｗｉｄｔｈ ＮＦＫＣ']) {
      expect(foldWords(text)).toEqual(searchTokens(text).map((group) => group.map((t) => t.text).join('')));
    }
  });
});

describe('parseTopic', () => {
  it('reads phrases, exclusions, categories and authors into their own fields', () => {
    expect(parseTopic('"diffusion transformer" -survey cat:cs.CL author:"Yann LeCun"')).toEqual({
      text: '"diffusion transformer" -survey cat:cs.CL author:"Yann LeCun"',
      phrases: ['diffusion transformer'],
      exclude: ['survey'],
      categories: ['cs.CL'],
      authors: ['yann lecun'],
    });
  });

  it('makes each bare word its own phrase and keeps a hyphenated word together', () => {
    expect(parseTopic('Diffusion Transformer').phrases).toEqual(['diffusion', 'transformer']);
    expect(parseTopic('Flow-DPO').phrases).toEqual(['flow dpo']);
  });

  it('treats full-width, curly and Japanese corner quotes as quotes and folds width with NFKC', () => {
    const topic = parseTopic('“Diffusion  Transformer” 「強化学習」 『大規模 言語モデル』 ＬＬＭ\u3000－ｓｕｒｖｅｙ');
    expect(topic.phrases).toEqual(['diffusion transformer', '強化学習', '大規模 言語モデル', 'llm']);
    expect(topic.exclude).toEqual(['survey']);
    expect(topic.text).toBe('"Diffusion Transformer" 強化学習 "大規模 言語モデル" LLM -survey');
  });

  it('keeps Korean and Japanese words whole', () => {
    expect(parseTopic('강화학습 -서베이').phrases).toEqual(['강화학습']);
    expect(parseTopic('強化学習 ロボット').phrases).toEqual(['強化学習', 'ロボット']);
  });

  it('writes categories in arXiv case', () => {
    const topic = parseTopic('cat:CS.cl cat:MATH.gt cat:HEP-TH cat:physics.OPTICS cat:Cond-Mat.Mes-Hall cat:cs');
    expect(topic.categories).toEqual(['cs.CL', 'math.GT', 'hep-th', 'physics.optics', 'cond-mat.mes-hall', 'cs']);
  });

  it('accepts a space after the colon and several categories separated by commas', () => {
    expect(parseTopic('cat: cs.RO').categories).toEqual(['cs.RO']);
    expect(parseTopic('cat:cs.CL,cs.LG').categories).toEqual(['cs.CL', 'cs.LG']);
  });

  it('asks knownCategory with the canonical name and rejects what it refuses', () => {
    const asked: string[] = [];
    const knownCategory = (c: string) => (asked.push(c), c === 'cs.CL');
    expect(parseTopic('cat:CS.cl', { knownCategory }).categories).toEqual(['cs.CL']);
    expect(userError(() => parseTopic('robot cat:cs.xx', { knownCategory }))).toEqual({ key: 'error.unknown_category', params: { category: 'cs.XX' } });
    expect(asked).toEqual(['cs.CL', 'cs.XX']);
  });

  it('rejects a category that is not arXiv syntax even without a list of known ones', () => {
    expect(userError(() => parseTopic('cat:cs.CL!'))).toEqual({ key: 'error.unknown_category', params: { category: 'cs.CL!' } });
    expect(userError(() => parseTopic('cat:"cs CL"'))).toEqual({ key: 'error.unknown_category', params: { category: 'cs CL' } });
  });

  it('folds author names and accepts `au:`, family-name-first and initials', () => {
    expect(parseTopic('author:LeCun').authors).toEqual(['lecun']);
    expect(parseTopic('AUTHOR:"Yann LeCun"').authors).toEqual(['yann lecun']);
    expect(parseTopic('au:"Y. LeCun"').authors).toEqual(['y lecun']);
    expect(parseTopic('author:"LeCun, Yann"').authors).toEqual(['yann lecun']);
    expect(parseTopic('author:"Bernhard Schölkopf"').authors).toEqual(['bernhard scholkopf']);
  });

  it('says the topic is empty when nothing is left to look for', () => {
    for (const text of ['', '   ', 'cat:', 'author:', 'au: ', '"', '""', '-', '--', '-"', '!!! ???', '-survey', '-survey -"review paper"']) {
      expect({ text, error: userError(() => parseTopic(text)) }).toEqual({ text, error: { key: 'error.topic_empty', params: {} } });
    }
  });

  it('takes the rest of the input as the phrase when a quote is not closed', () => {
    const topic = parseTopic('robot "open ended learning');
    expect(topic.phrases).toEqual(['robot', 'open ended learning']);
    expect(topic.text).toBe('robot "open ended learning"');
  });

  it('reads a double minus as one exclusion and ignores a lone one', () => {
    expect(parseTopic('robot --survey').exclude).toEqual(['survey']);
    expect(parseTopic('robot -- - -""')).toMatchObject({ phrases: ['robot'], exclude: [] });
  });

  it('refuses to exclude a category or an author', () => {
    expect(userError(() => parseTopic('robot -cat:cs.CV'))).toEqual({ key: 'error.topic_negated_filter', params: { term: '-cat:cs.CV' } });
    expect(userError(() => parseTopic('robot -author:"Yann LeCun"'))).toEqual({
      key: 'error.topic_negated_filter',
      params: { term: '-author:"Yann LeCun"' },
    });
  });

  it('rejects a topic longer than maxLength, counting characters after collapsing spaces', () => {
    expect(userError(() => parseTopic('a'.repeat(10_000)))).toEqual({ key: 'error.topic_too_long', params: { max: 200 } });
    expect(userError(() => parseTopic('강'.repeat(31), { maxLength: 30 }))).toEqual({ key: 'error.topic_too_long', params: { max: 30 } });
    expect(parseTopic('강'.repeat(30), { maxLength: 30 }).phrases).toEqual(['강'.repeat(30)]);
    expect(parseTopic(`robot${' '.repeat(500)}learning`).phrases).toEqual(['robot', 'learning']);
  });

  it('drops repeated terms, keeping the first spelling', () => {
    expect(parseTopic('Robot robot ＲＯＢＯＴ "robot"')).toMatchObject({ text: 'Robot', phrases: ['robot'] });
  });

  it('gives the same topic when its text is parsed again', () => {
    for (const text of ['“Diffusion Transformer” -survey cat:CS.cl', 'author:"LeCun, Yann" au:Bengio', 'robot "open ended', '"-quoted" "cat:x" -"--y"', '강화학습 「強化学習」']) {
      const topic = parseTopic(text);
      expect(parseTopic(topic.text)).toEqual(topic);
    }
  });
});

describe('topicKey', () => {
  it('is the same for topics that differ only in order, case, width and quote style', () => {
    const a = topicKey(parseTopic('cat:cs.CL "Diffusion Transformer" -Survey author:"Y. LeCun"'));
    const b = topicKey(parseTopic('author:"y. lecun" -survey “diffusion transformer” cat:CS.CL'));
    expect(a).toBe('"diffusion transformer" -survey cat:cs.CL author:"y lecun"');
    expect(b).toBe(a);
  });

  it('tells a phrase from the same words apart', () => {
    expect(topicKey(parseTopic('"diffusion transformer"'))).not.toBe(topicKey(parseTopic('diffusion transformer')));
    expect(topicKey(parseTopic('transformer diffusion'))).toBe('diffusion transformer');
  });

  it('is itself a topic with the same key', () => {
    const key = topicKey(parseTopic('강화학습 "Flow-DPO" -survey cat:hep-th author:LeCun'));
    expect(topicKey(parseTopic(key))).toBe(key);
  });
});

describe('matchTopic', () => {
  it('matches a Latin word as the start of a word: robot finds robots and robotic but not chatbot', () => {
    expect(matches('robot', { title: 'Robots that learn' })).toBe(true);
    expect(matches('robot', { title: 'Robotic manipulation' })).toBe(true);
    expect(matches('bot', { title: 'A chatbot arena' })).toBe(false);
    expect(matches('robot', { title: 'Microrobot swarms' })).toBe(false);
  });

  it('matches a phrase only as adjacent words, across hyphens and case', () => {
    expect(matches('"diffusion transformer"', { title: 'Scaling Diffusion-Transformers' })).toBe(true);
    expect(matches('"diffusion transformer"', { title: 'Diffusion models and transformers' })).toBe(false);
    expect(matches('diffusion transformer', { title: 'Diffusion models and transformers' })).toBe(true);
  });

  it('looks in the title, the abstract and the summary but never across them', () => {
    expect(matches('retrieval', { title: 'X', abstract: 'Dense retrieval.' })).toBe(true);
    expect(matches('retrieval', { title: 'X', summaryText: 'Uses retrieval.' })).toBe(true);
    expect(matches('"robot learning"', { title: 'Robot', abstract: 'Learning to grasp.' })).toBe(false);
  });

  it('finds Korean and Japanese words inside longer runs, with particles attached', () => {
    expect(matches('강화학습', { title: '심층강화학습을 이용한 로봇 제어' })).toBe(true);
    expect(matches('강화학습', { title: '강화 학습' })).toBe(false);
    expect(matches('強化学習', { title: 'X', summaryText: '深層強化学習によるロボット制御' })).toBe(true);
    expect(matches('学習', { title: '強化学習' })).toBe(true);
    expect(matches('ロボット', { title: '強化学習' })).toBe(false);
  });

  it('matches mixed Latin and CJK phrases, with or without a space between scripts', () => {
    expect(matches('LLM 에이전트', { title: 'LLM 기반 에이전트를 활용한 검색' })).toBe(true);
    expect(matches('"LLM 에이전트"', { title: 'LLM 기반 에이전트' })).toBe(false);
    expect(matches('"LLM 에이전트"', { title: 'LLM 에이전트를 위한 벤치마크' })).toBe(true);
    expect(matches('기반', { title: 'LLM기반 모델' })).toBe(true);
    expect(matches('model', { title: 'LLM기반model' })).toBe(true);
  });

  it('rejects a paper in which an exclusion occurs, including its longer forms', () => {
    expect(matches('robot -survey', { title: 'Robot learning', abstract: 'A survey.' })).toBe(false);
    expect(matches('robot -survey', { title: 'Robot learning: surveys' })).toBe(false);
    expect(matches('robot -survey', { title: 'Robot learning' })).toBe(true);
    expect(matches('로봇 -서베이', { title: '로봇 학습 서베이' })).toBe(false);
  });

  it('needs one of the categories, a whole archive matching its subject classes', () => {
    expect(matches('cat:cs.RO cat:cs.CV', { categories: ['cs.CV'] })).toBe(true);
    expect(matches('cat:cs.RO', { categories: ['cs.CV'] })).toBe(false);
    expect(matches('cat:cs', { categories: ['stat.ML', 'cs.LG'] })).toBe(true);
    expect(matches('cat:math', { categories: ['math-ph'] })).toBe(false);
    expect(matches('cat:cs.CL', { categories: ['CS.CL'] })).toBe(true);
  });

  it('matches an author by full name, family name, initial, comma form and without accents', () => {
    const p = { authors: ['Yann LeCun', 'Bernhard Schölkopf', 'Laurens van der Maaten'] };
    for (const term of ['"Yann LeCun"', 'LeCun', 'lecun', '"Y. LeCun"', '"LeCun, Yann"', 'Scholkopf', '"van der Maaten"', 'Maaten']) {
      expect({ term, match: matches(`author:${term}`, p) }).toEqual({ term, match: true });
    }
    for (const term of ['"John LeCun"', 'Yann', '"J. LeCun"', 'Cun', 'Bengio']) {
      expect({ term, match: matches(`author:${term}`, p) }).toEqual({ term, match: false });
    }
  });

  it('matches a family name exactly, so He finds Kaiming He but not Hector', () => {
    expect(matches('author:He', { authors: ['Kaiming He'] })).toBe(true);
    expect(matches('author:He', { authors: ['Hector Levesque'] })).toBe(false);
    expect(matches('author:"Kaiming He" author:Bengio', { authors: ['Yoshua Bengio'] })).toBe(true);
  });

  it('needs every kind of term to hold at once', () => {
    const p = { title: 'Diffusion transformers for robots', categories: ['cs.RO'], authors: ['Yann LeCun'] };
    expect(matches('diffusion cat:cs.RO author:LeCun', p)).toBe(true);
    expect(matches('diffusion cat:cs.CL author:LeCun', p)).toBe(false);
    expect(matches('diffusion cat:cs.RO author:Bengio', p)).toBe(false);
    expect(matches('diffusion cat:cs.RO -robot', p)).toBe(false);
    expect(matches('cat:cs.RO -survey', p)).toBe(true);
  });
});
