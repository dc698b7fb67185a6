// Lint rules: typescript-eslint's recommended set over the sources, views, tests and bench.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'index/', 'bench/results/', 'tests/screenshots/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Text normalisation and decoding match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  { files: ['src/web/static/**/*.js'], languageOptions: { globals: globals.browser } },
);
