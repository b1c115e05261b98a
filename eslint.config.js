// Lint: typescript-eslint, import boundaries between cores, features, components and entrypoints, and a11y.
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CORES = ['policy', 'amazon', 'api', 'storage', 'messaging'];
const FEATURES = ['checkout-guard', 'order-lookup', 'settings'];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', '.tmp/**', 'test/fixtures/**', 'demo-screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    files: ['lib/**', 'components/**', 'entrypoints/**'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { [fileURLToPath(new URL('./scripts/eslint-resolver.cjs', import.meta.url))]: {} },
      'boundaries/include': ['lib/**', 'components/**', 'entrypoints/**'],
      'boundaries/elements': [
        { type: 'core', pattern: [`lib/(${CORES.join('|')})/**`, 'lib/i18n.ts', 'lib/policy-words.ts'], mode: 'full' },
        { type: 'feature', pattern: `lib/(${FEATURES.join('|')})/**`, mode: 'full', capture: ['feature'] },
        { type: 'shared-component', pattern: 'components/shared/**', mode: 'full' },
        { type: 'component', pattern: 'components/*/**', mode: 'full', capture: ['feature'] },
        { type: 'entrypoint', pattern: 'entrypoints/**', mode: 'full' },
      ],
    },
    rules: {
      'boundaries/element-types': [
        'error',
        {
          default: 'disallow',
          rules: [
            // Cores know no feature, component or entrypoint.
            { from: 'core', allow: ['core'] },
            // A feature uses cores, its own files and its own components; never another feature.
            {
              from: 'feature',
              allow: ['core', 'shared-component', ['feature', { feature: '{{from.feature}}' }], ['component', { feature: '{{from.feature}}' }]],
            },
            // Components: props in, events out; cores for types and pure helpers, never messaging or storage calls.
            {
              from: ['component', 'shared-component'],
              allow: ['core', 'shared-component', ['component', { feature: '{{from.feature}}' }], ['feature', { feature: '{{from.feature}}' }]],
            },
            { from: 'entrypoint', allow: ['core', 'feature', 'component', 'shared-component', 'entrypoint'] },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/lib/messaging/*', '@/lib/storage/*'], allowTypeImports: true, message: 'Components get data by props, not from messaging or storage.' }] },
      ],
    },
  },
  {
    files: ['lib/**', 'entrypoints/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
