import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'web/e2e/screenshots/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      // Domain modules talk to each other through their index.ts only.
      'no-restricted-imports': ['error', { patterns: [{ group: ['../modules/*/!(index)*', '../../modules/*/!(index)*', '../*/!(index)*.js'], message: 'Import another domain module through its index.ts.' }] }],
    },
  },
  {
    files: ['server/src/**/*.ts', 'server/test/**/*.ts', 'web/**/*.{ts,tsx}'],
    ignores: ['server/src/modules/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
