import { request } from "node:http";

/** A raw HTTP exchange, so tests control the headers and how much of a body is ever sent. */
export function rawRequest(url: string, options: { method?: string; path: string; headers?: Record<string, string | number>; body?: string; stream?: { chunk: Buffer; count: number } }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string; bytesSent: number }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    let bytesSent = 0;
    let answered = false;
    const req = request({ hostname, port, method: options.method ?? "GET", path: options.path, headers: options.headers ?? {} }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, bytesSent }));
    });
    req.on("error", (e) => (answered ? undefined : reject(e)));
    if (options.stream) {
      const { chunk, count } = options.stream;
      let sent = 0;
      const pump = () => {
        while (!answered && sent < count && !req.destroyed) {
          sent += 1;
          bytesSent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (sent >= count && !req.destroyed) req.end();
      };
      pump();
      return;
    }
    if (options.body) {
      bytesSent = Buffer.byteLength(options.body);
      req.write(options.body);
    }
    req.end();
  });
}
