/**
 * A StrykerJS ignorer (see stryker*.json, "ignorers"): mutants inside a call to a `log` function, or inside a
 * callback or block that does nothing but call one (`.catch((e) => this.services.log("…", e))`), are not run. What the
 * server writes to its log is not behaviour the tests pin (they run quiet), and such mutants, covered by every join,
 * would each rerun whole room suites only to survive. They are listed as ignored in docs/quality.md.
 */
import { PluginKind, declareValuePlugin } from "@stryker-mutator/api/plugin";

const REASON = "Log call: the text and the act of logging are not behaviour the tests pin.";

/** `log(…)`, `x.log(…)`, `this.services.log(…)`. */
function isLogCall(node) {
  if (node?.type !== "CallExpression") return false;
  const callee = node.callee;
  if (callee.type === "Identifier") return callee.name === "log";
  return callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && callee.property.name === "log";
}

/** A block of one statement, a log call. */
function blockOnlyLogs(node) {
  return node.type === "BlockStatement" && node.body.length === 1 && node.body[0].type === "ExpressionStatement" && isLogCall(node.body[0].expression);
}

/** An arrow or function whose whole body is one log call, or a block (a catch's, say) that only logs. */
function onlyLogs(node) {
  if (blockOnlyLogs(node)) return true;
  if (node.type !== "ArrowFunctionExpression" && node.type !== "FunctionExpression") return false;
  return node.body.type === "BlockStatement" ? blockOnlyLogs(node.body) : isLogCall(node.body);
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "log-calls", {
    shouldIgnore(path) {
      return isLogCall(path.node) || onlyLogs(path.node) ? REASON : undefined;
    },
  }),
];
