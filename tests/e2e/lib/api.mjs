// The portal's JSON API from a test, for setting the stage: log in, push mutations, pull.
import { randomUUID } from 'node:crypto';

export async function apiLogin(baseUrl, username, password) {
  const res = await fetch(`${baseUrl}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const body = await res.json();
  return { cookie, user: body.user, clientId: randomUUID().replaceAll('-', ''), nextId: 1 };
}

// Pushes the mutations in order; throws when the server refuses or rejects any of them.
export async function apiPush(baseUrl, session, mutations) {
  const numbered = mutations.map(([name, args]) => ({ id: session.nextId++, name, args }));
  const res = await send(baseUrl, session, '/api/push', { client_id: session.clientId, mutations: numbered });
  const body = await res.json();
  if (res.status !== 200 || body.status !== 'ok') throw new Error(`push: ${res.status} ${JSON.stringify(body)}`);
  const pulled = await apiPull(baseUrl, session);
  if (pulled.rejections.length) throw new Error(`rejected: ${JSON.stringify(pulled.rejections)}`);
  return body;
}

export async function apiPull(baseUrl, session, cookie = 0) {
  return apiPost(baseUrl, session, '/api/pull', { client_id: session.clientId, cookie });
}

// POSTs `body` as JSON as the logged-in session (from apiLogin) and returns the parsed answer;
// throws, naming the path and status, on any answer but 200.
export async function apiPost(baseUrl, session, path, body = {}) {
  const res = await send(baseUrl, session, path, body);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

// The one request shape: JSON, same origin, the session's cookie.
function send(baseUrl, session, path, body) {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl, Cookie: session.cookie },
    body: JSON.stringify(body),
  });
}
