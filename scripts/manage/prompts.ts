import { createInterface as createLineReader } from "node:readline";
import { createInterface, type Interface } from "node:readline/promises";
import { Writable } from "node:stream";
import { CommandError } from "./errors";

// Questions go to stderr, so stdout carries only a command's result. A person at a terminal
// types passwords without echo; a script pipes its answers, one line per question.

type Asker = { ask(question: string, hidden: boolean): Promise<string>; close(): void };

/** Passes readline's echo through to the terminal, or drops it while a password is typed. */
class Echo extends Writable {
  muted = false;

  constructor(private readonly terminal: NodeJS.WriteStream) {
    super();
  }

  // readline wraps lines at this width.
  get columns(): number | undefined {
    return this.terminal.columns;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    if (!this.muted) this.terminal.write(chunk);
    done();
  }
}

class TerminalAsker implements Asker {
  private readonly echo: Echo;
  // historySize 0: the answers (passwords among them) are not kept for the up-arrow.
  private readonly lines: Interface;

  constructor(private readonly output: NodeJS.WriteStream) {
    this.echo = new Echo(output);
    this.lines = createInterface({ input: process.stdin, output: this.echo, terminal: true, historySize: 0 });
  }

  async ask(question: string, hidden: boolean): Promise<string> {
    // Ctrl-C, or Ctrl-D on an empty line (which closes the interface), cancels like Django's prompt.
    const cancel = new AbortController();
    const abort = () => cancel.abort();
    this.lines.once("SIGINT", abort).once("close", abort);
    try {
      if (!hidden) return await this.lines.question(question, { signal: cancel.signal });
      this.output.write(question);
      this.echo.muted = true;
      return await this.lines.question("", { signal: cancel.signal });
    } catch (error) {
      if (cancel.signal.aborted) throw new CommandError(["", "Operation cancelled."]);
      throw error;
    } finally {
      if (hidden) {
        this.echo.muted = false;
        this.output.write("\n");
      }
      this.lines.off("SIGINT", abort).off("close", abort);
    }
  }

  close(): void {
    this.lines.close();
  }
}

class PipeAsker implements Asker {
  private readonly reader = createLineReader({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  // The iterator buffers lines that arrive before they are asked for; readline's question()
  // would drop them when a script pipes all its answers at once.
  private readonly lines = this.reader[Symbol.asyncIterator]();

  constructor(private readonly output: NodeJS.WriteStream) {}

  async ask(question: string): Promise<string> {
    this.output.write(`${question}\n`);
    const next = await this.lines.next();
    if (next.done) throw new CommandError(["Error: the input ended before every question was answered."]);
    return next.value;
  }

  close(): void {
    this.reader.close();
  }
}

/** Reads answers from stdin, opened on the first question only: most runs ask nothing. */
export class Prompts {
  private asker?: Asker;

  private open(): Asker {
    this.asker ??= process.stdin.isTTY ? new TerminalAsker(process.stderr) : new PipeAsker(process.stderr);
    return this.asker;
  }

  ask(question: string): Promise<string> {
    return this.open().ask(question, false);
  }

  askHidden(question: string): Promise<string> {
    return this.open().ask(question, true);
  }

  close(): void {
    this.asker?.close();
  }
}

/** Django's prompt for a new password: twice, without echo; the two must match. */
export async function askNewPassword(prompts: Prompts): Promise<string> {
  const password = await prompts.askHidden("Password: ");
  const again = await prompts.askHidden("Password (again): ");
  if (password !== again) throw new CommandError(["Error: Your passwords didn't match."]);
  return password;
}
