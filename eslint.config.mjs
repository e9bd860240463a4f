// ESLint over our own JavaScript (make lint, pre-commit): the browser scripts of the site
// (docs/assets/javascripts), the diagram renderer (src/studysite/diagrams/render/render.js) and the
// functions the PDF export hands to Playwright's page.evaluate (src/studysite/pdf/js).
// One style: const/let, arrow functions, strict equality, semicolons, double quotes; no globals written.
import js from "@eslint/js";
import stylistic from "@stylistic/eslint-plugin";
import globals from "globals";

// A file in pdf/js is one function expression: page.evaluate wraps the file in parentheses and calls it
// (or hands its result back), so nothing else may stand at the top and no semicolon may follow it.
const evaluatedFunction = {
  meta: {
    type: "problem",
    schema: [],
    messages: {
      shape: "A page.evaluate script is one function expression and nothing else.",
      semicolon: "No semicolon after the function: page.evaluate puts it in parentheses.",
    },
  },
  create: (context) => ({
    Program: (program) => {
      const [first, ...rest] = program.body;
      const isFunction = /^(Arrow)?FunctionExpression$/.test(first?.expression?.type ?? "");
      if (!isFunction || rest.length > 0) {
        context.report({ node: rest[0] ?? first ?? program, messageId: "shape" });
      } else if (context.sourceCode.getLastToken(first).value === ";") {
        context.report({ loc: context.sourceCode.getLastToken(first).loc, messageId: "semicolon" });
      }
    },
  }),
};

// @stylistic/semi everywhere inside that function; its own top-level statement is left to the rule above.
const semi = stylistic.rules.semi;
const semiInsideFunction = {
  meta: semi.meta,
  create: (context) => {
    const visitors = semi.create(context);
    return {
      ...visitors,
      ExpressionStatement: (node) => {
        if (node.parent.type !== "Program") visitors.ExpressionStatement(node);
      },
    };
  },
};

// Results come back as return values, never through a global: no assignment to window.__name anywhere,
// and the page.evaluate functions write nothing on window at all.
const handBack = (pattern) => ({
  selector: `AssignmentExpression > MemberExpression.left[object.name=/^(window|self|globalThis)$/][property.name=${pattern}]`,
  message: "Return the result instead of leaving it on a global.",
});
const arrowsOnly = {
  selector: "FunctionExpression:not(MethodDefinition > FunctionExpression, Property[method=true] > FunctionExpression)",
  message: "Use an arrow function.",
};

export default [
  // Only our own code: installed packages, virtual environments and built sites hold other people's.
  { ignores: ["node_modules/", ".venv/", "site/", ".site-build/", ".site-build.old/", "dist/", ".cache/", "bench/out/"] },
  js.configs.recommended,
  {
    plugins: { "@stylistic": stylistic },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "eqeqeq": "error",
      "no-var": "error",
      "prefer-const": "error",
      "prefer-arrow-callback": "error",
      "func-style": ["error", "expression"],
      "no-restricted-syntax": ["error", arrowsOnly, handBack("/^__/")],
      "@stylistic/semi": ["error", "always"],
      "@stylistic/quotes": ["error", "double", { avoidEscape: true }],
      "@stylistic/arrow-parens": ["error", "always"],
    },
  },
  {
    files: ["eslint.config.mjs"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
  {
    // Classic scripts in a browser page: each its own strict arrow function, declaring no globals.
    files: ["docs/assets/javascripts/**/*.js", "src/studysite/diagrams/render/*.js"],
    languageOptions: { sourceType: "script", globals: globals.browser },
    rules: { "strict": ["error", "function"], "no-implicit-globals": ["error", { lexicalBindings: true }] },
  },
  {
    // Mermaid's UMD build, added to the renderer's page before render.js.
    files: ["src/studysite/diagrams/render/render.js"],
    languageOptions: { globals: { mermaid: "readonly" } },
  },
  {
    files: ["src/studysite/pdf/js/**/*.js"],
    languageOptions: { sourceType: "script", globals: globals.browser },
    plugins: { studysite: { rules: { "evaluated-function": evaluatedFunction, "semi": semiInsideFunction } } },
    rules: {
      "studysite/evaluated-function": "error",
      "@stylistic/semi": "off",
      "studysite/semi": ["error", "always"],
      "no-restricted-syntax": ["error", arrowsOnly, handBack("/./")],
    },
  },
];
