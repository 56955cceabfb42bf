import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The client lives in client/ and is built to dist/client, which the server serves on the same port.
export default defineConfig({
  root: "client",
  publicDir: "../assets",
  plugins: [react()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      "/api": "http://localhost:2567",
      "/healthz": "http://localhost:2567",
      "/matchmake": { target: "http://localhost:2567", ws: false },
    },
  },
});
