export * from './edits';
export * from './report';
export * from './style';
