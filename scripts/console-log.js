// Log lines of `npm start`: readable on a terminal, JSON (pino-compatible) when stdout is a file or a pipe.
'use strict';
const net = require('node:net');
const readline = require('node:readline');

const tty = Boolean(process.stdout.isTTY);
const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLORS = { 40: '\x1b[33m', 50: '\x1b[31m', 60: '\x1b[31m' };

function pretty(name, obj) {
  const t = new Date(obj.time ?? Date.now()).toTimeString().slice(0, 8);
  const level = LEVELS[obj.level] ?? 'INFO';
  const color = COLORS[obj.level] ?? '';
  const extra = obj.err?.message ? ` (${obj.err.message})` : obj.context ? ` [${obj.context}]` : '';
  return `${t} ${color}${level.padEnd(5)}\x1b[0m ${name.padEnd(6)} ${obj.msg ?? ''}${extra}`;
}

/** A logger for the launcher itself: `log(msg)` or `log(msg, 50)` for an error. */
function launcherLog(name) {
  return (msg, level = 30) => {
    const line = tty ? pretty(name, { level, msg }) : JSON.stringify({ level, time: Date.now(), name, msg });
    (level >= 50 ? process.stderr : process.stdout).write(line + '\n');
  };
}

/** Copies a child's output line by line, prettifying its JSON log lines on a terminal. */
function pipeChild(name, child) {
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on('line', (line) => {
      if (!tty) return out.write(line + '\n');
      try {
        const obj = JSON.parse(line);
        out.write((obj && typeof obj === 'object' && 'msg' in obj ? pretty(name, obj) : line) + '\n');
      } catch {
        out.write(line + '\n');
      }
    });
  }
}

/** Resolves when `port` can be bound, rejects with a one-line reason when something already listens there. */
function checkPortFree(port) {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (err) =>
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `port ${port} is already in use: stop what runs there or start on another port, e.g. PORT=${Number(port) + 1} npm start`
            : `cannot listen on port ${port}: ${err.message}; set PORT to another port`,
        ),
      ),
    );
    srv.listen(Number(port), '0.0.0.0', () => srv.close(() => resolve()));
  });
}

module.exports = { launcherLog, pipeChild, checkPortFree, tty };
