/** The closed list of output formats, feeding the CLI option and the `Format` type. */
export const FORMATS = ['pretty', 'json', 'yaml', 'ndjson', 'csv'] as const;
export type Format = (typeof FORMATS)[number];
