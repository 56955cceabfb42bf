import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { compression } from "vite-plugin-compression2";

// The client lives in client/ and is built to dist/client, which the server serves on the same port.
export default defineConfig({
  root: "client",
  publicDir: "../assets",
  plugins: [
    react(),
    // Brotli and gzip copies beside each text file (fonts and images are compressed already); the server picks one
    // by the browser's Accept-Encoding. Maps stay uncompressed: only operators who ask are served them.
    compression({
      algorithms: ["brotliCompress", "gzip"],
      include: /\.(html|css|js|mjs|json|svg|txt|webmanifest)$/,
      exclude: /\.map$/,
      threshold: 512,
      logLevel: "silent",
    }),
  ],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    // Maps are written for operators who ask the server to serve them (GROVE_SOURCE_MAPS=1); bundles do not point at them.
    sourcemap: "hidden",
    // dist/client/.vite/manifest.json: the bench reads it to size what each page loads, lazy chunks included.
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // three.js and the r3f/drei stack change far less often than Grove's own code, so they get their own
        // long-cached chunk; neither the event list (`/`) nor the lobby loads any of it.
        manualChunks(id) {
          // React, and Vite's helper for dynamic imports, go in a chunk of their own: left alone, the three chunk
          // (which uses both) would take them in and `/` would have to load it.
          if (id.includes("vite/preload-helper")) return "react";
          if (!id.includes("node_modules")) return undefined;
          // zustand (the client's store slices, and r3f's own store) is small and three-free: pages without three use it too.
          if (/node_modules\/(react|react-dom|scheduler|use-sync-external-store|zustand)\//.test(id)) return "react";
          if (/node_modules\/(three|three-stdlib|@react-three|react-reconciler|its-fine|suspend-react|troika-[^/]+|@monogrid|camera-controls|maath|meshline|stats-gl|stats\.js|@use-gesture|detect-gpu|hls\.js|tunnel-rat|@mediapipe|glsl-noise|bidi-js|webgl-[^/]+)\//.test(id)) return "three";
          // The Colyseus client and its wire libraries: only the venue needs them, and the lobby must load without.
          if (/node_modules\/(colyseus\.js|@colyseus)\//.test(id)) return "colyseus";
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": "http://localhost:2567",
      "/healthz": "http://localhost:2567",
      "/matchmake": { target: "http://localhost:2567", ws: false },
    },
  },
});
