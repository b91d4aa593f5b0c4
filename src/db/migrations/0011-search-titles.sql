-- Titles alone, for search ranking (docs/adr/0003-search-cjk-bigrams.md): a query's title matches
-- are far fewer than its matches in every field, so ranking can read all of them (up to a
-- bound) instead of only the newest matches. rowid = papers.id; text prepared as for paper_search
-- by search_index_text(), the application's tokenizer, which migrate() registers.
CREATE VIRTUAL TABLE paper_title_search USING fts5 (
  title,
  content = '', contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO paper_title_search (rowid, title) SELECT id, search_index_text(title) FROM papers;
