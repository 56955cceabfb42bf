import { createRoot } from "react-dom/client";
import "./i18n/index.js";
import "@fontsource/noto-color-emoji";
import "./styles.css";
import { App } from "./App.js";

const container = document.getElementById("root");
if (container) createRoot(container).render(<App />);
