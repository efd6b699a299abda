import { bar } from './format-shared.js';

export interface ProgressStream {
  write(text: string): unknown;
  columns?: number;
}

/**
 * A one-line progress bar for a terminal: count, total when known, and rate. Redrawn at most ten
 * times a second, so drawing never slows the reading down; `done` clears the line.
 */
export class Progress {
  private count = 0;
  private last = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private readonly started: number;

  constructor(
    private readonly stream: ProgressStream,
    private readonly label: string,
    private readonly total: number | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  tick(): void {
    this.count++;
    const at = this.now();
    if (at - this.last < 100 && this.count !== this.total) return;
    this.last = at;
    this.draw(at);
  }

  done(): void {
    if (this.drawn) this.stream.write('\r\u001b[2K');
    this.drawn = false;
  }

  private draw(at: number): void {
    const seconds = (at - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(this.count / seconds) : 0;
    const columns = Math.max(20, (this.stream.columns || 80) - 1);
    const counted = this.total ? `${this.count}/${this.total}` : String(this.count);
    const tail = ` ${counted}  ${rate}/s`;
    const room = Math.min(30, columns - this.label.length - tail.length - 1);
    const meter = this.total && room >= 5 ? ` ${bar(this.count / this.total, room)}` : '';
    this.stream.write(`\r${`${this.label}${meter}${tail}`.slice(0, columns)}\u001b[K`);
    this.drawn = true;
  }
}
