import { defineConfig } from 'eslint/config';
import asyncleak from 'eslint-plugin-asyncleak';

export default defineConfig([
  asyncleak.configs['flat/recommended'],
  {
    files: ['src/**/*.ts'],
    rules: { 'asyncleak/no-floating-timer': ['error', { evidence: 'possible' }] },
  },
]);
