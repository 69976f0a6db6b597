// A minimal language-server client over stdio (JSON-RPC with Content-Length framing), enough to
// time how long `tasklint --lsp` takes to publish diagnostics after an edit.
import { spawn } from 'node:child_process';

export class LspClient {
  constructor(command, args, options) {
    /** When the server process was started (performance.now()). */
    this.startedAt = performance.now();
    this.child = spawn(command, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.stderr = '';
    this.child.stderr.on('data', (chunk) => {
      this.stderr += chunk;
    });
    this.child.stdout.on('data', (chunk) => this.receive(chunk));
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('latin1'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      const at = performance.now();
      if (message.id !== undefined && !message.method && this.pending.has(message.id)) {
        this.pending.get(message.id)(message);
        this.pending.delete(message.id);
      } else if (message.method && message.id !== undefined) {
        // A request from the server (registerCapability, showMessage...): accept it.
        this.send({ jsonrpc: '2.0', id: message.id, result: null });
      } else {
        for (const listener of this.listeners) listener(message, at);
      }
    }
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification `accept` returns true for, and the time it arrived. */
  waitFor(accept, timeoutMs) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(
          new Error(
            `no matching message from the language server within ${timeoutMs} ms${this.stderr ? `; stderr: ${this.stderr.slice(-500)}` : ''}`,
          ),
        );
      }, timeoutMs);
      const listener = (message, at) => {
        if (!accept(message)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve({ message, at });
      };
      this.listeners.add(listener);
    });
  }

  /** Resolves once no notification has arrived for `quietMs`. */
  settle(quietMs) {
    return new Promise((resolve) => {
      let timer = setTimeout(done, quietMs);
      const listener = () => {
        clearTimeout(timer);
        timer = setTimeout(done, quietMs);
      };
      const self = this;
      function done() {
        self.listeners.delete(listener);
        resolve();
      }
      this.listeners.add(listener);
    });
  }

  async close() {
    await Promise.race([this.request('shutdown', null), new Promise((resolve) => setTimeout(resolve, 2000))]);
    this.notify('exit', null);
    await new Promise((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else {
        const timer = setTimeout(() => {
          this.child.kill();
          resolve();
        }, 2000);
        this.child.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      }
    });
  }
}
