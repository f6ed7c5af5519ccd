// A real SMTP server on loopback for the end-to-end tests: Debian's python3-aiosmtpd with its
// Mailbox handler, which writes every message it accepts to a Maildir (new/) before it answers 250.
// The test reads the messages back and parses them as a mail program would: headers unfolded,
// RFC 2047 subjects decoded, base64 bodies decoded.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

// Polls `check` (async, returns a value or a falsy one) until it gives a value; fails after
// `timeout` ms naming `what`. A wait for a state, never for a fixed time.
export async function pollFor(check, what, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// "=?UTF-8?B?...?=" (and Q) encoded-words, as a mail reader decodes them; other text as it is.
export function decodeWords(value) {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?/g, (_, charset, kind, text) => {
    const bytes = kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return new TextDecoder(charset).decode(bytes);
  });
}

// One message: headers (lower-case names, unfolded, in order; `header(name)` gives the first
// value), the decoded subject and the decoded text body (LF line ends).
export function parseMessage(raw) {
  const text = raw.replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  const head = split < 0 ? text : text.slice(0, split);
  const rawBody = split < 0 ? '' : text.slice(split + 2);
  const headers = [];
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1][1] += line.replace(/^[ \t]+/, ' ');
    else {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]);
    }
  }
  const header = (name) => headers.find(([n]) => n === name.toLowerCase())?.[1] ?? '';
  const encoding = header('content-transfer-encoding').toLowerCase();
  // Lines end in LF after decoding, as a mail program shows them (the text is sent with CRLF).
  const body = (encoding === 'base64' ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8') : rawBody)
    .replace(/\r\n/g, '\n');
  return { raw, headers, header, subject: decodeWords(header('subject')), body };
}

// Starts the sink on a free loopback port; `url` is what alis-sync's --smtp-url takes.
export async function startSmtpSink() {
  const dir = mkdtempSync(path.join(tmpdir(), 'alis-smtp-'));
  const maildir = path.join(dir, 'maildir');
  const port = await freePort();
  // Debian's interpreter, where python3-aiosmtpd is installed (another python3 may come first on PATH).
  const child = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  let exited = false;
  child.once('exit', () => { exited = true; });
  await pollFor(async () => exited || accepts(port), `aiosmtpd on port ${port}`, 20000);
  if (exited) throw new Error(`aiosmtpd exited:\n${output}`);
  const sink = {
    url: `smtp://127.0.0.1:${port}`,
    // Every message accepted so far, parsed, oldest file first.
    messages() {
      const folder = path.join(maildir, 'new');
      if (!existsSync(folder)) return [];
      return readdirSync(folder).sort().map((name) => parseMessage(readFileSync(path.join(folder, name), 'utf8')));
    },
    // Waits until a message for which `predicate` holds has arrived, and returns it.
    waitForMessage(predicate, what, timeout = 30000) {
      return pollFor(() => sink.messages().find(predicate), what, timeout);
    },
    async stop() {
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return sink;
}
