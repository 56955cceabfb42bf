import { existsSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { join, resolve } from "node:path";
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import expressStaticGzip from "express-static-gzip";

/** Vite names bundles `<name>-<8-character hash>.js|css`; such a file never changes under its name. */
const HASHED_BUNDLE = /[\\/]assets[\\/].+-[A-Za-z0-9_-]{8}\.(js|css)$/;
/** Video files (and HLS playlists and segments) the stage screen may play from the site itself. */
const MEDIA_FILE = /\.(mp4|webm|m3u8|ts|m4s|aac)$/i;
/** The pre-compressed copies vite-plugin-compression2 writes beside each text file. */
const COMPRESSED_COPY = /\.(br|gz)$/;
/** Request headers that would make a 404 page conditional or partial: it is always sent whole. */
const CONDITIONAL_HEADERS = ["range", "if-range", "if-match", "if-none-match", "if-modified-since", "if-unmodified-since"] as const;

export interface ClientFiles {
  /** Serves the built client's files, each in the best encoding the request accepts; unknown paths go on. */
  files: RequestHandler;
  /**
   * Answers with the page (index.html, `no-cache`, compressed when accepted) under `status`: 200 for the page's
   * own routes (conditional and range requests work), 404 for paths that name nothing (always sent whole, with no
   * validators). `next()` when the client is not built.
   */
  page(status: 200 | 404): RequestHandler;
  /**
   * Mounted at `/assets`: the videos the repository's `assets/` folder holds (Vite copies that folder to the client's
   * root), also under `/assets/<path>`, the address a host gives the stage screen. Media files only (the build's own
   * `/assets/` bundles are served by `files` first); byte ranges work, so a video can seek.
   */
  media: RequestHandler;
  /** Whether index.html is there to be served. */
  built(): boolean;
}

/** express-static-gzip labels an encoded copy `charset=UTF-8`, the file itself is `charset=utf-8`: one spelling for both. */
function sameCharsetSpelling(res: ServerResponse): void {
  const type = res.getHeader("Content-Type");
  if (typeof type === "string") res.setHeader("Content-Type", type.replace(/charset=UTF-8$/i, "charset=utf-8"));
}

function fileHeaders(res: ServerResponse, path: string): void {
  sameCharsetSpelling(res);
  // The encoded copy is cached by the name of the file it encodes.
  const original = path.replace(COMPRESSED_COPY, "");
  // Hashed bundles never change; the page must always be revalidated so a deploy reaches everyone.
  if (HASHED_BUNDLE.test(original)) res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
  else if (/[\\/]index\.html$/.test(original)) res.setHeader("Cache-Control", "no-cache");
}

function notFoundHeaders(res: ServerResponse): void {
  sameCharsetSpelling(res);
  res.setHeader("Cache-Control", "no-cache");
}

/**
 * Drops what express-static-gzip set for an encoded copy that was gone when it came to be sent (the build changed
 * under a running server), so the next handler's answer is not labelled brotli.
 */
function withoutEncodingOnFallthrough(handler: RequestHandler): RequestHandler {
  return (req, res, next) =>
    handler(req, res, (error?: unknown) => {
      if (!res.headersSent) for (const header of ["Content-Encoding", "Content-Type", "Vary"]) res.removeHeader(header);
      next(error);
    });
}

/**
 * The built client (dist/client) through express-static-gzip: brotli when the request accepts it, else gzip, else
 * the file itself, with `Vary: Accept-Encoding` on every file that has encoded copies. The copies are found when
 * the server starts, so a client built later is served uncompressed until a restart.
 */
export function clientFiles(clientDir: string): ClientFiles {
  const root = resolve(clientDir);
  const indexHtml = join(root, "index.html");
  const common = { enableBrotli: true, orderPreference: ["br", "gzip"], index: false };
  const files = withoutEncodingOnFallthrough(
    expressStaticGzip(root, { ...common, serveStatic: { index: false, redirect: false, maxAge: "1h", setHeaders: fileHeaders } }),
  );
  const notFoundPage = withoutEncodingOnFallthrough(
    expressStaticGzip(root, {
      ...common,
      serveStatic: { index: false, redirect: false, etag: false, lastModified: false, acceptRanges: false, setHeaders: notFoundHeaders },
    }),
  );

  const page = (status: 200 | 404): RequestHandler => (req: Request, res: Response, next: NextFunction) => {
    const originalUrl = req.url;
    req.url = "/index.html";
    const restore = (error?: unknown) => {
      req.url = originalUrl;
      res.statusCode = 200;
      next(error);
    };
    if (status === 200) return files(req, res, restore);
    for (const header of CONDITIONAL_HEADERS) delete req.headers[header];
    res.statusCode = 404;
    notFoundPage(req, res, restore);
  };
  const mediaFiles = express.static(root, { index: false, redirect: false, dotfiles: "ignore", maxAge: "1h" });
  const media: RequestHandler = (req, res, next) => (MEDIA_FILE.test(req.path) ? mediaFiles(req, res, next) : next());
  return { files, page, media, built: () => existsSync(indexHtml) };
}
