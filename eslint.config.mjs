// The size rules of issue 16 and the hygiene a restructuring needs. Layering and cycles are checked by
// dependency-cruiser (.dependency-cruiser.cjs); style is left to review.
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['node_modules/**', 'cdk.out/**', 'test-artifacts/**', 'data/**', 'dist/**'] },
  {
    files: ['**/*.ts', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  // An exception to a rule says why, in the comment that makes it (`-- because ...`).
  comments.recommended,
  { rules: { '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }] } },
  {
    // Source files: small modules and short functions, so that each reads in one screen.
    files: ['lib/**/*.ts', 'parsers/**/*.ts', 'core/**/*.ts', 'web/**/*.ts', 'io/**/*.ts', 'cli/**/*.ts', 'lambdas/**/*.ts', 'infra/**/*.ts', 'bin/**/*.mjs'],
    rules: {
      'max-lines': ['error', { max: 250, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 50, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
];
