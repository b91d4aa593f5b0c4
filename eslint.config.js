// Lint enforces the layering in docs/adr/0001-layering.md: the core is pure, adapters never
// import each other, and only the composition root and the db layer touch better-sqlite3.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const IO_LIBRARIES = [
  'better-sqlite3',
  'discord.js',
  '@discordjs/*',
  '@slack/*',
  'node-cron',
  'rss-parser',
  'pino',
  'yaml',
  'node:fs',
  'node:fs/promises',
  'fs',
  'node:http',
  'node:https',
  'node:net',
  'node:child_process',
  'undici',
];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict(
      [...IO_LIBRARIES, '**/i18n/**', '**/db/**', '**/ingest/**', '**/adapters/**', '**/pipeline/**', '**/scheduler/**', '**/cli/**', '**/summarize/**', '**/embeddings/**', '**/openai-compat/**'],
      'src/core is pure: no platform, database, scheduler or I/O imports (see docs/adr/0001-layering.md).',
    ),
  },
  {
    files: ['src/pipeline/**/*.ts', 'src/ingest/**/*.ts', 'src/summarize/**/*.ts', 'src/embeddings/**/*.ts', 'src/openai-compat/**/*.ts', 'src/i18n/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      ['better-sqlite3', 'discord.js', '@discordjs/*', '@slack/*', 'node-cron', '**/adapters/**', '**/cli/**', '**/scheduler/**'],
      'Use cases and sources see core types and ports, never a platform client or the database driver.',
    ),
  },
  {
    // paperboy doctor: the platform checks and the database inspection are injected by the CLI command.
    files: ['src/doctor/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      ['better-sqlite3', 'discord.js', '@discordjs/*', '@slack/*', '**/adapters/**', '**/cli/**'],
      'src/doctor judges what the injected checks report; the SQLite driver and the chat SDKs stay in src/db and src/adapters.',
    ),
  },
  {
    files: ['src/adapters/discord/**/*.ts'],
    rules: restrict(['@slack/*', '**/adapters/slack/**'], 'The Discord adapter never imports Slack.'),
  },
  {
    files: ['src/adapters/slack/**/*.ts'],
    rules: restrict(['discord.js', '@discordjs/*', '**/adapters/discord/**'], 'The Slack adapter never imports Discord.'),
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
