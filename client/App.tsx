import { useTranslation } from "react-i18next";
import { SLUG_PATTERN } from "../shared/protocol/index.js";
import { Home } from "./ui/Home.js";
import { EventPage } from "./ui/EventPage.js";

/** Routes by path: `/` lists events, `/e/<slug>` opens one. Anything else goes to the list. */
export function App() {
  useTranslation();
  const match = /^\/e\/([^/]+)\/?$/.exec(window.location.pathname);
  const slug = match?.[1] ? decodeURIComponent(match[1]) : null;
  if (slug !== null && SLUG_PATTERN.test(slug)) return <EventPage slug={slug} />;
  return <Home />;
}
