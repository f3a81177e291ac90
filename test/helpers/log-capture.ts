// A pino destination that keeps every line a component logs, for tests that check what reaches the logs
// (and what must never: secrets, codes, whole phone numbers).

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface LogCapture {
  /** Pass to pino(options, destination) or createLogger(level, destination). */
  destination: { write(line: string): void };
  /** Every raw line written so far. */
  lines: string[];
  /** Every line so far, parsed. */
  parsed(): LogLine[];
}

/** Keeps each line, and also appends it to `alsoTo` (a list of the whole file's lines, say). */
export function captureLogs(alsoTo?: string[]): LogCapture {
  const lines: string[] = [];
  return {
    destination: {
      write(line: string) {
        lines.push(line);
        alsoTo?.push(line);
      },
    },
    lines,
    parsed: () =>
      lines
        .join('')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as LogLine),
  };
}
