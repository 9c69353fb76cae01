// ESLint flat config. Not type-aware on purpose: type information makes linting slow,
// and `npm run typecheck` already runs tsc and vue-tsc over the same files.
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import { builtinModules } from 'node:module'
import tseslint from 'typescript-eslint'

const TS_AND_VUE = ['**/*.ts', '**/*.vue']

// Layering of DESIGN.md §2, as import restrictions. Regexes because the same rule must
// catch package names (`electron`) and relative paths (`../../electron/main/x`).
const nodeBuiltins = {
  regex: `^(node:|(${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/|$))`,
  message: 'Node built-ins are not available here.',
}
const electronPackage = {
  regex: '^electron(/|$)',
  message: 'Only electron/main and electron/preload may use Electron.',
}
const electronFolder = {
  regex: '(^|/)electron/',
  message: 'Code here may not depend on electron/ (DESIGN.md §2).',
}
const rendererFolder = {
  regex: '(^|/)renderer(/|$)',
  message: 'Only the renderer may import renderer code (DESIGN.md §2).',
}
const shellFolders = {
  regex: '^(\\.\\./)+((electron/)?(main|preload))(/|$)',
  message: 'The platform runs without Electron: it may not import the Electron shell.',
}
const domFramework = {
  regex: '^(vue|pinia|vue-router)(/|$)',
  message: 'shared/ imports nothing from Node, the DOM or Electron (DESIGN.md §2).',
}

const sharedByPath = {
  regex: '^(\\.\\./)+shared/',
  message: "Import shared/ code as '@shared/…', the one way it is imported outside shared/.",
}

/** One no-restricted-imports setting per folder: later settings replace earlier ones. */
function restrictImports(files, patterns) {
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } }
}

// Rules of eslint-plugin-vue about layout fight Prettier, which owns formatting.
const vueNoLayout = pluginVue.configs['no-layout-rules']

export default defineConfig([
  globalIgnores([
    'out/',
    'dist/',
    'node_modules/',
    'coverage/',
    'test-results/',
    'playwright-report/',
    '.data/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],
  vueNoLayout,
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: TS_AND_VUE,
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.vue'],
    rules: {
      // Route views are named by file (UsersView.vue); single words are fine for App.vue.
      'vue/multi-word-component-names': 'off',
    },
  },

  // Globals by the process each folder runs in.
  { files: ['renderer/**', 'test/sip/harness/**'], languageOptions: { globals: globals.browser } },
  {
    files: ['electron/preload/**'],
    languageOptions: { globals: { ...globals.browser, process: 'readonly' } },
  },
  {
    files: ['electron/main/**', 'electron/platform/**', 'test/**', 'scripts/**', '*.{js,mjs,ts}'],
    languageOptions: { globals: globals.node },
  },

  restrictImports(['test/**', 'scripts/**', 'theme/**'], [sharedByPath]),
  restrictImports(
    ['shared/**'],
    [nodeBuiltins, electronPackage, electronFolder, rendererFolder, domFramework],
  ),
  restrictImports(['renderer/**'], [nodeBuiltins, electronPackage, electronFolder, sharedByPath]),
  restrictImports(
    ['electron/platform/**'],
    [electronPackage, rendererFolder, shellFolders, sharedByPath],
  ),
  restrictImports(['electron/main/**'], [rendererFolder, sharedByPath]),
  // Sandboxed preloads get `electron` and a few polyfills, not Node's modules.
  restrictImports(['electron/preload/**'], [nodeBuiltins, rendererFolder, sharedByPath]),
])
