import asyncleak from 'eslint-plugin-asyncleak';

export default [
  asyncleak.configs['flat/recommended'],
  {
    files: ['**/*.ts'],
    settings: {
      asyncleak: {
        teardownMethods: ['shutdown'],
        effectHooks: ['useMountEffect'],
        cleanupRegistrars: ['context.subscriptions.push', 'register'],
      },
    },
    rules: {
      'asyncleak/require-signal-propagation': ['error', { allow: [{ from: 'file', name: 'sleepAllowed' }] }],
    },
  },
];
