// Lint: typescript-eslint, import boundaries between cores, features, components and entrypoints, and a11y.
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CORES = ['policy', 'amazon', 'api'];
const IO_CORES = ['storage', 'messaging'];
const FEATURES = ['checkout-guard', 'order-lookup', 'settings'];
const SAME_FEATURE = { feature: '{{ from.element.captured.feature }}' };

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
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // A scrollable preview must take keyboard focus to be scrolled (axe: scrollable-region-focusable); as a named
      // region (role="region" + aria-label) a screen reader announces what it is.
      'jsx-a11y/no-noninteractive-tabindex': [
        'error',
        { tags: [], roles: ['tabpanel', 'region'], allowExpressionValues: true },
      ],
    },
  },
  {
    // Node scripts in CommonJS (the ESLint resolver) use require by necessity.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['lib/**', 'components/**', 'entrypoints/**'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { [fileURLToPath(new URL('./scripts/eslint-resolver.cjs', import.meta.url))]: {} },
      'boundaries/include': ['lib/**', 'components/**', 'entrypoints/**'],
      'boundaries/elements': [
        // Cores that touch the browser (storage areas, runtime messages): components must not reach them.
        { type: 'io-core', pattern: [`lib/(${IO_CORES.join('|')})/**`], partialMatch: false },
        { type: 'core', pattern: `lib/(${CORES.join('|')})/**`, partialMatch: false },
        { type: 'feature', pattern: `lib/(${FEATURES.join('|')})/**`, partialMatch: false, capture: ['feature'] },
        // Anything else directly in lib/ (i18n.ts) is a core too.
        { type: 'core', pattern: 'lib', partialMatch: false },
        { type: 'shared-component', pattern: 'components/shared/**', partialMatch: false },
        { type: 'component', pattern: 'components/*/**', partialMatch: false, capture: ['feature'] },
        { type: 'entrypoint', pattern: 'entrypoints/**', partialMatch: false },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            // Cores know no feature, component or entrypoint.
            {
              from: { element: { types: { anyOf: ['core', 'io-core'] } } },
              allow: { to: { element: { types: { anyOf: ['core', 'io-core'] } } } },
            },
            // A feature uses cores, its own files and its own components; never another feature.
            {
              from: { element: { type: 'feature' } },
              allow: [
                { to: { element: { types: { anyOf: ['core', 'io-core', 'shared-component'] } } } },
                { to: { element: { types: { anyOf: ['feature', 'component'] }, captured: SAME_FEATURE } } },
              ],
            },
            // Components: props in, events out. Cores for pure helpers; storage and messaging for types only.
            {
              from: { element: { types: { anyOf: ['component', 'shared-component'] } } },
              allow: [
                { to: { element: { types: { anyOf: ['core', 'shared-component'] } } } },
                { to: { element: { type: 'io-core' } }, dependency: { kind: 'type' } },
                { to: { element: { types: { anyOf: ['feature', 'component'] }, captured: SAME_FEATURE } } },
              ],
            },
            {
              from: { element: { type: 'entrypoint' } },
              allow: {
                to: {
                  element: {
                    types: { anyOf: ['core', 'io-core', 'feature', 'component', 'shared-component', 'entrypoint'] },
                  },
                },
              },
            },
          ],
        },
      ],
    },
  },
);
