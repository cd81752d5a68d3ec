/**
 * Import: read a file (`parseImport`, pure), show what it would do (`previewImport`, the dry
 * run), then do it (`applyImport`, one transaction). See each module.
 */
export { parseImport, type ParseOptions } from './parse';
export { applyImport, previewImport, type ImportOptions } from './apply';
export { readLibrary, type ReadLibraryOptions } from './library';
export { createPlanner, planImport, type ImportPlan, type LibraryView, type Planner } from './plan';
export type {
  ConflictPolicy,
  ImportCounts,
  ImportFormat,
  ImportSummary,
  ParsedImport,
  Rejection,
} from './types';
export { ImportError } from './types';
