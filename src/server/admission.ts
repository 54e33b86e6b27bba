/**
 * Fair admission when the server is saturated. Node accepts new TCP connections once per turn of
 * its event loop, and with SQLite every request runs to completion within the turn it starts in,
 * so under a closed loop of many busy clients one turn grows to hold every waiting request (a
 * hundred clients × half a millisecond each) and a client connecting then waits one such turn per
 * connection queued before it: seconds, enough for clients to time out. Starting at most a few
 * requests per turn keeps turns short, so new connections are accepted and answered in order,
 * while the total work, and so the throughput, stays the same. An idle server admits at once.
 */
export class TurnAdmission {
  private startedThisTurn = 0;
  private readonly waiting: Array<() => void> = [];
  private head = 0;
  private turnScheduled = false;

  constructor(private readonly perTurn = 8) {}

  /** Undefined when the request may start now; otherwise a promise that resolves when it may. */
  enter(): Promise<void> | undefined {
    this.scheduleTurn();
    if (this.startedThisTurn < this.perTurn && this.head === this.waiting.length) {
      this.startedThisTurn += 1;
      return undefined;
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Requests waiting to start. */
  get queued(): number {
    return this.waiting.length - this.head;
  }

  // setImmediate callbacks queued while one runs wait for the next turn: so each call below starts
  // the next batch one turn later, after the loop has polled for connections and input again.
  private scheduleTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(() => this.nextTurn());
  }

  private nextTurn(): void {
    this.turnScheduled = false;
    this.startedThisTurn = 0;
    while (this.startedThisTurn < this.perTurn && this.head < this.waiting.length) {
      this.startedThisTurn += 1;
      this.waiting[this.head++]!();
    }
    if (this.head === this.waiting.length) {
      this.waiting.length = 0;
      this.head = 0;
    }
    if (this.startedThisTurn > 0) this.scheduleTurn();
  }
}
