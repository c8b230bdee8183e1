/**
 * PostgreSQL COPY text format: columns separated by tabs, one row a line,
 * backslash escapes for the characters that would end a field or a row.
 */
export function copyField(s: string): string {
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : s;
}
