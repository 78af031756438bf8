// Splits a byte/text stream into protocol lines. The engine writes one JSON message per line;
// chunks from a pipe split lines anywhere, so we buffer the tail until its newline arrives.

export class LineSplitter {
  private tail = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const text = this.tail + chunk;
    const lines = text.split('\n');
    this.tail = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.replace(/\r$/, '');
      if (line.trim()) this.onLine(line);
    }
  }

  /** Delivers an unterminated last line (the stream ended). */
  end(): void {
    const line = this.tail.trim();
    this.tail = '';
    if (line) this.onLine(line);
  }
}
