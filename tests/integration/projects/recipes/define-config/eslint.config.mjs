import { defineConfig } from 'eslint/config';
import asyncleak from 'eslint-plugin-asyncleak';

export default defineConfig({
  files: ['**/*.ts'],
  plugins: { asyncleak },
  extends: ['asyncleak/recommended'],
});
