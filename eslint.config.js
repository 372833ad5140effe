import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'events', 'util', 'url', 'stream'];
const nativeModules = ['better-sqlite3', 'serialport', 'node-hid', 'fastify'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...nativeModules, 'electron'].map((name) => ({
            name,
            message: 'The renderer knows only window.api: no Node or Electron.',
          })),
          patterns: [
            {
              group: ['node:*', 'electron/*', '@fastify/*'],
              message: 'The renderer knows only window.api: no Node or Electron.',
            },
            { group: ['**/electron/**'], message: 'The renderer may import shared/, never electron/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'The core and the browser shell run on plain Node: no electron.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|\\.{1,2}/).*',
              message: 'shared/ imports only zod (and its own files).',
            },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports only zod.' },
          ],
        },
      ],
    },
  },
  {
    files: [
      'electron/main/**/*.ts',
      'electron/preload/**/*.ts',
      'electron/core/**/*.ts',
      'electron/web/**/*.ts',
      'shared/**/*.ts',
      'renderer/**/*.{ts,tsx}',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name='ipcRenderer'][callee.property.name=/^(send|sendSync|invoke)$/]:not([arguments.0.type='Identifier'])",
          message: 'Raw IPC is banned: channels come from the contract.',
        },
      ],
    },
  },
);
