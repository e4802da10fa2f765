import asyncleak from 'eslint-plugin-asyncleak';

export default [asyncleak.configs['flat/strict']];
