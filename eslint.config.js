// tasklint's own code: typescript-eslint's strict, type-checked rules and its stylistic ones for
// TypeScript, ESLint's recommended rules for the scripts. Formatting is Prettier's job.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bench/', 'test/fixtures/', 'examples/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked, ...tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // noUncheckedIndexedAccess is on: `match[1]!` after a successful match states what the regexp
      // guarantees, where `?? ''` would hide a broken pattern behind an empty string.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // An empty string is text not written: `cell || fallback` means that, and `??` would not.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
      // `const { rules: _rules, ...rest } = config` leaves a key out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      // Numbers and booleans in messages are what a user reads; only objects and undefined are mistakes.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    // Rules read facts through src/ (src/query.ts for what several rules ask); none imports another.
    files: ['rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['./*'], message: 'Rules do not import each other: move what they share to src/query.ts.' },
          ],
        },
      ],
    },
  },
  {
    // Nor does the engine reach into a rule's file: it loads rules through their registry.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../rules/*', '../../rules/*'],
              message: 'src/ does not import rule files: share through src/query.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read what the CLI and the server print (JSON.parse gives `any`); their assertions are the check.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
);
