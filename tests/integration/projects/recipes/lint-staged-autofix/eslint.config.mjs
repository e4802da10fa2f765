import asyncleak from 'eslint-plugin-asyncleak';

export default [
  asyncleak.configs['flat/recommended'],
  {
    files: ['**/*.ts'],
    rules: {
      'asyncleak/require-signal-propagation': ['error', { autofix: true }],
    },
  },
];
