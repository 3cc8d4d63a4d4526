// ESLint for the site's own JavaScript (make test runs it): the calculator, the page scripts and the service
// worker's source. The vendored QR encoder keeps its upstream form.
import js from '@eslint/js'
import globals from 'globals'

export default [
  { ignores: ['docs/assets/javascripts/vendor/**', 'site/**', 'node_modules/**', '.cache/**', '.venv/**'] },
  js.configs.recommended,
  {
    files: ['docs/assets/javascripts/**/*.js'],
    languageOptions: { ecmaVersion: 2020, sourceType: 'module', globals: globals.browser },
  },
  {
    files: ['docs/assets/javascripts/beacon.js', 'docs/assets/javascripts/share.js',
      'docs/assets/javascripts/validity.js'], // parts of site.js, each a script of its own
    languageOptions: { sourceType: 'script' },
  },
  {
    files: ['docs/assets/javascripts/search/loader.js'],
    languageOptions: { sourceType: 'script' },
  },
  {
    files: ['docs/assets/javascripts/search/worker.js'],
    languageOptions: { globals: globals.worker },
  },
  {
    files: ['scripts/postbuild/sw.js'],
    languageOptions: { ecmaVersion: 2020, sourceType: 'script', globals: globals.serviceworker },
  },
  {
    files: ['tests/js/**/*.js', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.node },
  },
  {
    rules: {
      'no-unused-vars': ['error', { args: 'after-used', caughtErrors: 'none' }],
      eqeqeq: ['error', 'smart'],
      'no-var': 'off',
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreComments: false }],
    },
  },
]
