/**
 * The cap register, one module per job: document types, amounts, ids,
 * validation, the export file, and the merge into the Dataset.
 */
export * from './types';
export * from './amounts';
export * from './ids';
export * from './validate';
export * from './file';
export * from './merge';
