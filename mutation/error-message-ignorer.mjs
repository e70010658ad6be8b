// StrykerJS ignore-plugin "error-message-text": leaves out the mutants of an error's
// message text, and nothing else. A string or template literal is message text when its
// value can only reach the message argument of an error's constructor (`new XxxError(…)`,
// or `super(…)` in a class that extends one), directly or through `+`, a `?:` branch, a
// `??`/`||` fallback, or a `${…}` of another such template.
// - Only literals are left out: conditions, operators and calls around them still count.
// - A template literal is left out only when what it embeds has nothing Stryker would
//   mutate (names, property reads, JSON.stringify/String of those, numbers), because
//   leaving a node out leaves out every mutant beneath it.
// - The message argument is per class, from its constructor's signature; a class not in
//   the table is not left out at all (its mutants count).
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

/** Error class → index of the constructor argument that becomes `message`. */
export const MESSAGE_ARGUMENT = {
  Error: 0,
  TypeError: 0,
  RangeError: 0,
  PayoutsError: 0, // (message, options?)
  AbortedError: 0, // PayoutsError's
  TimeoutError: 0, // (message, timeoutMs?, options?)
  ConnectionError: 0, // (message, code, requestMayHaveBeenSent, options?)
  PagingError: 0, // (message, page, yielded)
  UnexpectedAnswerError: 0, // (message, status, rewardIds?)
  ResponseTooLargeError: 0, // (message, maxResponseBytes)
  UsageError: 0, // src/prolific/ledger-cli.ts: Error's
  InvalidInputError: 1, // (field, problem): `field` is data a caller reads; not left out
};

const PASS_THROUGH = new Set(["TemplateLiteral", "ConditionalExpression", "LogicalExpression"]);

function calleeName(callee) {
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "MemberExpression" && !callee.computed) return callee.property.name;
  return undefined;
}

/** The error class a `super(…)` call constructs: the enclosing class's superclass. */
function superclassName(path) {
  const cls = path.findParent((p) => p.isClassDeclaration() || p.isClassExpression());
  return cls?.node.superClass ? calleeName(cls.node.superClass) : undefined;
}

function isMessageArgument(path) {
  const { parentPath: parent, node } = path;
  if (!parent) return false;
  const p = parent.node;
  if (p.type === "NewExpression" || (p.type === "CallExpression" && p.callee.type === "Super")) {
    const name = p.type === "NewExpression" ? calleeName(p.callee) : superclassName(parent);
    const index = name === undefined ? undefined : MESSAGE_ARGUMENT[name];
    return index !== undefined && p.arguments[index] === node;
  }
  if (p.type === "BinaryExpression" && p.operator === "+") return isMessageArgument(parent);
  if (p.type === "ConditionalExpression" && p.test === node) return false;
  if (p.type === "LogicalExpression" && p.operator !== "??" && p.operator !== "||") return false;
  if (PASS_THROUGH.has(p.type)) return isMessageArgument(parent);
  return false;
}

/** Whether Stryker has nothing to mutate inside `node` (a template's embedded part). */
function isInert(node) {
  switch (node.type) {
    case "Identifier":
    case "ThisExpression":
    case "NumericLiteral":
      return true;
    case "MemberExpression":
      return !node.computed && isInert(node.object);
    case "CallExpression": {
      const name = calleeName(node.callee);
      const plain =
        (node.callee.type === "Identifier" && name === "String") ||
        (node.callee.type === "MemberExpression" &&
          node.callee.object.type === "Identifier" &&
          node.callee.object.name === "JSON" &&
          name === "stringify");
      return plain && node.arguments.every(isInert);
    }
    case "TemplateLiteral":
      return node.expressions.every(isInert);
    default:
      return false;
  }
}

const REASON = "error message text (mutation/error-message-ignorer.mjs)";

export const errorMessageIgnorer = {
  shouldIgnore(path) {
    const { node } = path;
    if (node.type === "StringLiteral" || (node.type === "TemplateLiteral" && isInert(node))) {
      return isMessageArgument(path) ? REASON : undefined;
    }
    return undefined;
  },
};

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "error-message-text", errorMessageIgnorer),
];
