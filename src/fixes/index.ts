export * from './cleanup';
export * from './edits';
export * from './names';
export * from './report';
export * from './signal-argument';
export * from './style';
export * from './try-finally';
export * from './named-function';
