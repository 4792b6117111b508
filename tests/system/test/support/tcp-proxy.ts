import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from '@denpyo/platform/testing';

/**
 * A TCP proxy in front of the real PostgreSQL, so a test can make the database "go away"
 * (refuse and drop every connection) and come back, while the server itself keeps running.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      if (server?.listening) return resolve();
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });

  await listen();
  return {
    port,
    /** The database is gone: no new connections, and open ones are dropped. */
    async cut() {
      const closing = server;
      server = undefined;
      await new Promise<void>((resolve) => {
        if (!closing?.listening) return resolve();
        closing.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
    restore: listen,
  };
}
