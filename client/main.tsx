import { createRoot } from "react-dom/client";
import "./i18n/index.js";
import "./fonts/colourEmoji.css";
import "./styles.css";
import { App } from "./App.js";

const container = document.getElementById("root");
if (container) createRoot(container).render(<App />);
