/**
 * A retailer's own web server for browser tests: it serves the shop's pages
 * and mints session tokens at POST /token with the site secret, as a shop
 * whose site has `publicTokens: false` does. Each token is bound to the
 * shop's own origin, the page that asks for it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mintSessionToken } from '../../../gateway/src/security/session-token.js';

export interface ShopBackend {
  url: string;
  /** Tokens minted so far. */
  minted(): number;
  close(): Promise<void>;
}

export async function startShopBackend(o: { site: string; secret: string; pages: (origin: string) => Record<string, string> }): Promise<ShopBackend> {
  let minted = 0;
  let origin = '';
  const server: Server = createServer(async (req, res) => {
    const path = req.url?.split('?')[0] ?? '/';
    if (req.method === 'POST' && path === '/token') {
      minted++;
      // The secret stays on the server; the page only ever sees a short-lived single-use token.
      const token = await mintSessionToken(o.secret, { site: o.site, origin, iss: 'site' });
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(token));
      return;
    }
    const page = o.pages(origin)[path];
    if (page === undefined) res.writeHead(404).end('not found');
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    minted: () => minted,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
