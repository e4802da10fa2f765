const asyncleak = require('eslint-plugin-asyncleak');

module.exports = [asyncleak.configs['flat/recommended']];
