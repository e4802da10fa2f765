/** @type {import('eslint-doc-generator').GenerateOptions} */
module.exports = {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ignoreConfig: ['flat/recommended', 'flat/strict'],
  ruleDocSectionInclude: ['Incorrect', 'Correct', 'When Not To Use It'],
  ruleDocTitleFormat: 'name',
  ruleListColumns: ['name', 'description', 'configsError', 'fixable', 'hasSuggestions', 'requiresTypeChecking', 'options'],
  urlConfigs: 'https://github.com/eslint-plugin-asyncleak/eslint-plugin-asyncleak#setup',
};
