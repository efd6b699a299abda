import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', '.dist-build/', '.dist-old-*/', 'node_modules/', 'coverage/', 'test/output/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'Buffer', 'URL', 'TextDecoder', 'TextEncoder', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'AbortController', 'AbortSignal', 'structuredClone'].map((name) => [name, 'readonly']),
      ),
    },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // The tool runs the libraries from their bundles in dist/vendor/ (src/platform/vendor.ts), each
    // loaded on first use and once. Tests may import them directly, as an independent check.
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'zod', message: 'use lazySchema/zod() from src/platform/zod.ts', allowTypeImports: true },
            { name: 'yaml', message: 'use yaml() from src/platform/yaml-source.ts', allowTypeImports: true },
            ...['commander', 'chalk', '@inquirer/prompts'].map((name) => ({ name, message: 'use vendored() from src/platform/vendor.ts', allowTypeImports: true })),
          ],
        },
      ],
    },
  },
  {
    // The bin shim is CommonJS on purpose (see its first comment).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
