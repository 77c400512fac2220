/**
 * A shop page on its own origin, as a retailer's would be: the widget comes
 * from the gateway's origin through one script tag.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/** Pages by path: HTML as a string, or any other file with its content type. */
export async function servePages(pages: Record<string, string | { body: string; type: string }>): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const path = req.url?.split('?')[0] ?? '/';
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const body = pages[path];
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    const { body: content, type } = typeof body === 'string' ? { body, type: 'text/html; charset=utf-8' } : body;
    res.writeHead(200, { 'content-type': type }).end(content);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const shopPage = (gateway: string, extraHead = '', body = '<h1>Contoso Outdoor test page</h1>') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test shop</title>${extraHead}</head>
<body>${body}
<script async src="${gateway}/widget.js" data-site="demo" data-title="Contoso Outdoor assistant"></script>
</body></html>`;
