// A TCP proxy on 127.0.0.1 in front of alis-sync that counts what crosses it: the bytes the server
// sent (everything the browser downloaded, headers included) and the request lines the browser sent,
// whether from the page or its service worker. Used to check that a first visit downloads the app once.
import net from 'node:net';

// Listens first (so the server can be started with --public-url of the proxy); setTarget(port) then
// names the server's port before the browser connects.
export async function startCountingProxy() {
  const stats = { bytesToBrowser: 0, requests: [] };
  let targetPort = 0;
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    let pending = '';
    client.on('data', (chunk) => {
      // Request lines only (GET bodies are empty; the API's JSON bodies never hold one).
      pending = (pending + chunk.toString('latin1')).slice(-8192);
      const re = /(GET|HEAD|POST) (\S+) HTTP\/1\.1\r\n/g;
      let m;
      let end = 0;
      while ((m = re.exec(pending)) !== null) {
        stats.requests.push({ method: m[1], target: m[2] });
        end = re.lastIndex;
      }
      pending = pending.slice(end);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      stats.bytesToBrowser += chunk.length;
      client.write(chunk);
    });
    const end = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    url: `http://127.0.0.1:${server.address().port}`,
    stats,
    setTarget(port) { targetPort = port; },
    reset() { stats.bytesToBrowser = 0; stats.requests.length = 0; },
    // Requests whose path (without the query) is `path`.
    requestsFor: (path) => stats.requests.filter((r) => r.target.split('?')[0] === path),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
